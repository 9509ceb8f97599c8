/** A request as the injected fetch saw it. */
export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Responder = (seen: Seen, index: number) => Response | Promise<Response>;

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export const OK = { request_id: "request-id-test-1", status_code: 200 };

/** An injectable fetch that records every request and answers with `responder` (by default a 200 `OK`). */
export function fakeFetch(responder: Responder = () => json(OK)) {
  const seen: Seen[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const entry: Seen = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: request.body ? await request.text() : "",
    };
    seen.push(entry);
    return responder(entry, seen.length - 1);
  };
  return { fetch, seen };
}

/**
 * The Stytch emulator over HTTP: one Node process, the in-memory fake (`stytch-openapi/fake`) behind a server that
 * validates every request against the bundled spec before the fake sees it (pipeline.ts), and answers every refusal
 * in the API's error object, Node's own refusals included. Admin endpoints live under `/__fake/` (admin.ts).
 * @example
 * import { serveEmulator, loadBundledSpec } from "stytch-openapi/emulator";
 * const emulator = await serveEmulator({ spec: loadBundledSpec(), port: 0 });
 * // point a client at emulator.url, then: await emulator.close();
 */
import { createServer, type Server } from "node:http";
import { answerClientErrors, listen } from "../node/http-server.js";
import { invalid } from "../fake/context.js";
import { DEFAULT_LIMITS, newRequestId, REQUEST_TIMEOUT_MS } from "./http.js";
import { createEmulator, type Emulator, type EmulatorOptions } from "./pipeline.js";

/** An emulator listening on a port. */
export interface RunningEmulator extends Emulator {
  url: string;
  server: Server;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/**
 * Serves an emulator on `host:port` (port 0: any free port); resolves once it answers.
 * @example
 * const emulator = await serveEmulator({ spec: loadBundledSpec(), port: 4010, projectId: "project-test-1", secret: "s" });
 */
export async function serveEmulator(
  options: EmulatorOptions & { host?: string; port?: number },
): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = createServer(
    { maxHeaderSize: limits.headerBytes, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: 20_000 },
    emulator.handle,
  );
  server.keepAliveTimeout = 5_000;
  // What Node refuses before a request exists (a head over maxHeaderSize, a malformed request line) gets the API's
  // error object too, then the connection is closed.
  answerClientErrors(server, (error) =>
    invalid(
      error.code === "HPE_HEADER_OVERFLOW"
        ? `The request headers are larger than ${limits.headerBytes} bytes.`
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? "The request was not received in time."
          : "The request is not valid HTTP.",
    ).body(newRequestId()),
  );
  const url = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  return {
    ...emulator,
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

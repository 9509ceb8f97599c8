// The output formats of `stytch-openapi export`: each turns items into text, a page at a time, so that a page's
// lines can be written (and made durable) before the checkpoint that covers them.
import { stringify } from "csv-stringify/sync";

/** The --format names. */
export type FormatName = "ndjson" | "json" | "csv";

/** Text before the first item, each page's items, and the text after the last item. */
export interface Format {
  begin(): string;
  /** `index` is the number of items written before this page (JSON needs it for its commas). */
  page(items: readonly unknown[], index: number): string;
  end(): string;
}

/** One JSON object a line: streamable, and a valid file after every page. */
const ndjson: Format = {
  begin: () => "",
  page: (items) => items.map((item) => `${JSON.stringify(item)}\n`).join(""),
  end: () => "",
};

/** One JSON array, streamed: `[`, the items one a line with commas between them, `]`. */
const json: Format = {
  begin: () => "[\n",
  page: (items, index) => items.map((item, i) => `${index + i === 0 ? "" : ",\n"}${JSON.stringify(item)}`).join(""),
  end: () => "\n]\n",
};

/**
 * Reads a dotted path (`emails.0.email`, `trusted_metadata.plan`) out of an item.
 * @example
 * pick({ emails: [{ email: "ada@example.com" }] }, "emails.0.email"); // "ada@example.com"
 */
export function pick(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A CSV cell: strings as they are, nested values as JSON, missing values empty. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** CSV with one header row of `columns` (dotted paths allowed); quoting by csv-stringify. */
function csv(columns: readonly string[]): Format {
  return {
    begin: () => stringify([columns as string[]]),
    page: (items) =>
      items.length === 0 ? "" : stringify(items.map((item) => columns.map((c) => cell(pick(item, c))))),
    end: () => "",
  };
}

/**
 * The format `name`; CSV needs its columns.
 * @example
 * format("csv", ["user_id", "emails.0.email"]).begin(); // "user_id,emails.0.email\n"
 */
export function format(name: FormatName, columns: readonly string[]): Format {
  if (name === "csv") return csv(columns);
  return name === "json" ? json : ndjson;
}

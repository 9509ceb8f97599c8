/**
 * The drift report: findings grouped per operation, direction, kind and place, each with a count and one redacted
 * example; rendered as JSON (`{ "findings": [...] }`) and as Markdown that pastes into an issue.
 * @example
 * const report = createReport();
 * const { method, path } = operations.getUser;
 * report.add({ operationId: "getUser", method: method.toUpperCase(), path, direction: "response" }, drift, example);
 * console.log(report.markdown());
 */
import type { Drift, DriftKind } from "../drift/findings.js";

export type Direction = "request" | "response";

/** Where a finding was seen. */
export interface FindingPlace {
  operationId: string;
  method: string;
  /** The path template. */
  path: string;
  direction: Direction;
}

/** One finding of the report: how often it was seen and one redacted example. */
export interface Finding extends FindingPlace {
  kind: DriftKind;
  /** JSON pointer into the exchange (`/body/user/name`, `/status`, `/headers/retry-after`); array indices as `*`. */
  pointer: string;
  message: string;
  count: number;
  example: { status?: number; request_id?: string; pointer: string; value?: unknown };
}

export interface ReportJson {
  /** What went through: exchanges seen, checked, and what could not be checked (with why). */
  summary: { target: string; started: string; exchanges: number; unrouted: number; unchecked: number };
  findings: Finding[];
}

export interface Report {
  add(place: FindingPlace, drift: Drift, example: Finding["example"]): void;
  /** Counts an exchange: `routed` false when no operation of the description has its method and path. */
  saw(routed: boolean, checked: boolean): void;
  readonly size: number;
  json(): ReportJson;
  markdown(): string;
}

export function createReport(target: string): Report {
  const findings = new Map<string, Finding>();
  const summary = { target, started: new Date().toISOString(), exchanges: 0, unrouted: 0, unchecked: 0 };
  const sorted = () =>
    [...findings.values()].sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        a.method.localeCompare(b.method) ||
        a.direction.localeCompare(b.direction) ||
        a.pointer.localeCompare(b.pointer) ||
        a.kind.localeCompare(b.kind),
    );
  return {
    add(place, drift, example) {
      const pointer = drift.pointer.replace(/\/\d+(?=\/|$)/g, "/*");
      const key = [place.operationId, place.direction, drift.kind, pointer].join("\0");
      const found = findings.get(key);
      if (found) found.count++;
      else findings.set(key, { ...place, kind: drift.kind, pointer, message: drift.message, count: 1, example });
    },
    saw(routed, checked) {
      summary.exchanges++;
      if (!routed) summary.unrouted++;
      else if (!checked) summary.unchecked++;
    },
    get size() {
      return findings.size;
    },
    json: () => ({ summary: { ...summary }, findings: sorted() }),
    markdown() {
      const list = sorted();
      const lines = [
        `## Drift report: ${list.length === 0 ? "no drift" : `${list.length} finding${list.length === 1 ? "" : "s"}`}`,
        "",
        `Target ${summary.target}, since ${summary.started}: ${summary.exchanges} exchanges, ${summary.unrouted} outside the description, ${summary.unchecked} not checked (body over the limit or not readable). Values are redacted.`,
        "",
      ];
      if (list.length === 0) return `${lines.join("\n")}\n`;
      lines.push("| operation | direction | kind | pointer | count | example |", "|---|---|---|---|---|---|");
      for (const f of list) {
        const example = [
          f.example.status !== undefined ? `status ${f.example.status}` : "",
          f.example.value !== undefined ? `\`${cell(JSON.stringify(f.example.value))}\`` : "",
          f.example.request_id ? `request ${f.example.request_id}` : "",
        ]
          .filter(Boolean)
          .join(", ");
        lines.push(
          `| \`${f.operationId}\` ${f.method} ${cell(f.path)} | ${f.direction} | ${f.kind} | \`${cell(f.pointer)}\` ${cell(f.message)} | ${f.count} | ${example} |`,
        );
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

/** Text safe in a Markdown table cell, at most 120 characters. */
function cell(text: string): string {
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return short
    .replace(/\|/g, "\\|")
    .replace(/`/g, "'")
    .replace(/[\r\n]+/g, " ");
}

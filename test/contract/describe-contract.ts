import { beforeEach, describe, expect, inject, it } from "vitest";
import { operations as table, type OperationId } from "../../src/generated/operations.js";
import { StytchError } from "../../src/index.js";
import {
  contractClient,
  matchesTemplate,
  specOperations,
  type ContractCase,
  type ContractCases,
} from "../support/contract.js";

const ERROR_CODES = [400, 401, 403, 404, 429, 500];

/**
 * For every case: the call succeeds against the Prism mock on the intended route with zero `sl-violations`,
 * and each documented error status (picked with `Prefer: code=…`) surfaces as a `StytchError` carrying the
 * API's error fields, again with zero violations.
 */
export function describeContract(area: string, cases: ContractCases): void {
  const operations = specOperations();
  describe(`${area} contract against the Prism mock`, () => {
    let harness: ReturnType<typeof contractClient>;
    beforeEach(() => {
      harness = contractClient(inject("prismUrl"));
    });

    for (const [operationId, c] of Object.entries(cases) as [OperationId, ContractCase][]) {
      const { method, path } = table[operationId];
      it(`${operationId}: ${method.toUpperCase()} ${path} answers 2xx with no violations`, async () => {
        expect(operations.get(operationId)).toMatchObject({ method, path });
        const result = await c.call(harness.stytch);
        expect(harness.exchanges).toHaveLength(1);
        const [exchange] = harness.exchanges;
        expect(exchange!.method).toBe(method.toUpperCase());
        expect(matchesTemplate(exchange!.pathname, path), exchange!.pathname).toBe(true);
        expect(exchange!.violations).toEqual([]);
        expect(exchange!.status).toBe(200);
        expect(result).toMatchObject({ request_id: expect.any(String), status_code: 200 });
      });

      it(`${operationId}: documented errors become StytchError with the API's fields`, async () => {
        const documented = operations.get(operationId)!.codes;
        expect(documented).toEqual(expect.arrayContaining(ERROR_CODES.map(String)));
        for (const code of ERROR_CODES) {
          harness.prefer(`code=${code}`);
          const error = await c.call(harness.stytch).catch((e: unknown) => e);
          expect(error, `code=${code}`).toBeInstanceOf(StytchError);
          const e = error as StytchError;
          expect(e.status_code).toBe(code);
          expect(e.error_type).toMatch(/^[a-z_]+$/);
          expect(e.error_message.length).toBeGreaterThan(0);
          expect(e.request_id).toMatch(/^request-id-/);
          expect(e.error_url).toMatch(/^https:\/\/stytch\.com\/docs\//);
        }
        expect(harness.exchanges.map((x) => x.status)).toEqual(ERROR_CODES);
        expect(harness.exchanges.flatMap((x) => x.violations)).toEqual([]);
      });
    }
  });
}

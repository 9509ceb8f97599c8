// Types of sdk-types.mjs, for the TypeScript tests.
import type ts from "typescript";

export const SDK_TYPES: Record<string, [request: string, response: string]>;
export const sdkIndex: string;
export const checker: ts.TypeChecker;
export const sdkExports: Map<string, ts.Symbol>;
export function sdkType(name: string): ts.Type;

export interface SdkProp {
  name: string;
  optional: boolean;
  type: ts.Type;
}
export type SdkShape =
  | { kind: "any"; literals?: undefined }
  | { kind: "string"; literals?: string[] } // literals: a closed union of string literals
  | { kind: "number"; literals?: undefined }
  | { kind: "boolean"; literals?: undefined }
  | { kind: "array"; element: ts.Type; literals?: undefined }
  | { kind: "record"; value: ts.Type; literals?: undefined }
  | { kind: "object"; props: SdkProp[]; literals?: undefined }
  | { kind: "union"; members: ts.Type[]; literals?: undefined }
  | { kind: "other"; text: string; literals?: undefined };
export function sdkProps(type: ts.Type): SdkProp[];
export function sdkShape(raw: ts.Type): SdkShape;
export function sdkNullable(type: ts.Type): boolean;
export function operandName(props: SdkProp[]): string | undefined;

export interface SdkField {
  kind: string;
  optional: boolean;
  nullable: boolean;
  literals?: string[];
}
export function sdkFields(typeName: string): Map<string, SdkField>;
export function sdkSendsBody(): Map<string, boolean>;

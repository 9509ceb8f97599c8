export const BUNDLED_SPEC: string;
export function bundleSpec(): Promise<string>;

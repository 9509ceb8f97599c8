export const BUNDLED_SPEC: string;
export function bundleSpec(out?: string): Promise<string>;
export function bundleRef(ref: string, work: string, name?: string): Promise<string>;

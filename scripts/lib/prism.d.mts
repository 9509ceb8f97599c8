export interface SpawnedPrism {
  url: string;
  pid: number | undefined;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stop(): Promise<void>;
}
export function spawnPrism(options: {
  spec: string;
  host?: string;
  port: number;
  quiet?: boolean;
  /** Proxy to this URL with `--errors` instead of mocking. */
  upstream?: string;
}): SpawnedPrism;

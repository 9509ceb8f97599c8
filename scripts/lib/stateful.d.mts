import type { StytchFake, FakeData } from "../../src/fake/index.js";

export function dataOption(argv?: string[]): FakeData | undefined;
export interface RunningStateful {
  url: string;
  upstreamUrl: string;
  fake: StytchFake;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stop(): Promise<void>;
}
export function startStateful(options: {
  spec: string;
  port: number;
  host?: string;
  data?: FakeData;
  seed?: number;
  quiet?: boolean;
}): Promise<RunningStateful>;

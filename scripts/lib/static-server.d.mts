// Types of static-server.mjs, so that the TypeScript browser tests can serve files with the same server.
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}
export function serveStatic(dir: string, options?: { host?: string; port?: number }): Promise<StaticServer>;

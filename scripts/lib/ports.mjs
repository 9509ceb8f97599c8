// Ports: read from a flag (--name 1234 or --name=1234), then an environment variable, then a default; check free.
export function portOption(flag, envName, fallback, argv = process.argv.slice(2)) {
  let raw = process.env[envName];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) raw = argv[i + 1];
    else if (argv[i].startsWith(`${flag}=`)) raw = argv[i].slice(flag.length + 1);
  }
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${flag} / ${envName} must be a port number (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** Rejects with a clear message when something already listens on host:port (e.g. a mock from another terminal). */
export async function ensurePortFree(port, hint, host = "127.0.0.1") {
  const { createServer } = await import("node:net");
  await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) =>
      reject(new Error(`Port ${port} is not free (${error.code ?? error.message}): ${hint}`)),
    );
    probe.listen(port, host, () => probe.close(resolve));
  });
}

// Reads a port from a command-line flag (--name 1234 or --name=1234), then an environment variable, then a default.
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

// Ports are checked before anything starts, so a port in use is named with the variable that
// moves it instead of surfacing later as a service that died.
import { createServer } from "node:net";

export interface PortUse {
  port: number;
  /** What would listen there, e.g. "the local chain". */
  what: string;
  /** The environment variable that changes it. */
  variable: string;
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws one message listing every port in use, each with the variable that changes it. */
export async function assertPortsFree(uses: PortUse[]): Promise<void> {
  const busy: PortUse[] = [];
  for (const u of uses) if (!(await isPortFree(u.port))) busy.push(u);
  if (busy.length === 0) return;
  const lines = busy.map((u) => `  port ${u.port} (${u.what}) is in use: stop what listens there, or choose another port with ${u.variable}=<port>`);
  const example = busy.map((u) => `${u.variable}=${u.port + 10}`).join(" ");
  throw new Error(`${busy.length === 1 ? "a port is" : "ports are"} in use on 127.0.0.1:\n${lines.join("\n")}\n  e.g. ${example} npm start`);
}

/** A port no one listens on now, chosen by the system. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Separate hosts for the committee tests, when they run as root: one network namespace per node,
// each joined by a veth pair to a bridge in the test's namespace, so the traffic between the
// leader and the members crosses real network interfaces. Names and the /24 are random, so runs
// side by side do not collide; close() removes everything. Null when namespaces cannot be made
// (not root, no `ip`): the tests then run on loopback.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createConnection, createServer, type Server } from "node:net";

export interface Hosts {
  /** The namespace of each node, and its address on the bridge. */
  namespaces: string[];
  addresses: string[];
  /** This process's address on the bridge. */
  gateway: string;
  /** A TCP forwarder on the bridge to a service of this process that listens on loopback. */
  expose(target: URL): Promise<string>;
  close(): Promise<void>;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });

export async function createHosts(count: number): Promise<Hosts | null> {
  if (process.getuid?.() !== 0) return null;
  const tag = randomBytes(3).toString("hex");
  const subnet = `10.${100 + (randomBytes(1)[0]! % 100)}.${randomBytes(1)[0]!}`;
  const bridge = `b1tt${tag}`;
  const namespaces: string[] = [];
  const servers: Server[] = [];
  const close = async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    for (const ns of namespaces) {
      try {
        ip("netns", "del", ns);
      } catch {
        // already gone
      }
    }
    try {
      ip("link", "del", bridge);
    } catch {
      // not made
    }
  };
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${subnet}.1/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    for (let i = 0; i < count; i++) {
      const ns = `1tt-${tag}-${i}`;
      const [outside, inside] = [`v1tt${tag}${i}h`, `v1tt${tag}${i}n`];
      ip("netns", "add", ns);
      namespaces.push(ns);
      ip("link", "add", outside, "type", "veth", "peer", "name", inside);
      ip("link", "set", outside, "master", bridge, "up");
      ip("link", "set", inside, "netns", ns);
      ip("-n", ns, "addr", "add", `${subnet}.${10 + i}/24`, "dev", inside);
      ip("-n", ns, "link", "set", inside, "up");
      ip("-n", ns, "link", "set", "lo", "up");
    }
  } catch {
    await close();
    return null;
  }
  const gateway = `${subnet}.1`;
  return {
    namespaces,
    addresses: namespaces.map((_, i) => `${subnet}.${10 + i}`),
    gateway,
    async expose(target) {
      const server = createServer((socket) => {
        const upstream = createConnection(Number(target.port), target.hostname);
        socket.pipe(upstream).pipe(socket);
        const end = () => {
          socket.destroy();
          upstream.destroy();
        };
        socket.on("error", end);
        upstream.on("error", end);
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, gateway, resolve));
      return `http://${gateway}:${(server.address() as { port: number }).port}`;
    },
    close,
  };
}

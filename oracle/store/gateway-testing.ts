// Test helpers for reading through HTTP: a server on 127.0.0.1, and a stand-in for an IPFS gateway
// in front of a content store (GET and HEAD /ipfs/<cid>, as a public gateway, a Kubo gateway port
// or the oracle answer), which can be told to serve other bytes for some CIDs. Node only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ContentStore } from "./content-store.ts";

export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveHttp(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<TestServer> {
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * `store` behind GET and HEAD /ipfs/<cid> (404 for content it does not hold, the body streamed
 * as the store reads it), except the CIDs in `replace`, whose bytes it swaps for others (a
 * gateway that lies, with status 200), those in `missing` (404, as if the content were deleted)
 * and those in `failing` (500). `requests` records each as "METHOD /path".
 */
export async function serveStoreAsGateway(
  store: ContentStore,
  { replace = new Map(), missing = new Set(), failing = new Set() }: { replace?: Map<string, Uint8Array>; missing?: Set<string>; failing?: Set<string> } = {},
): Promise<TestServer & { requests: string[] }> {
  const requests: string[] = [];
  const served = await serveHttp(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const cid = /^\/ipfs\/([a-z0-9]+)$/.exec(req.url ?? "")?.[1];
    if (!cid) return void res.writeHead(400).end("not /ipfs/<cid>");
    if (missing.has(cid)) return void res.writeHead(404).end(`ipfs resolve -r /ipfs/${cid}: not found`);
    if (failing.has(cid)) return void res.writeHead(500).end("internal error");
    const swapped = replace.get(cid);
    if (!swapped && !(await store.has(cid).catch(() => false))) return void res.writeHead(404).end(`ipfs resolve -r /ipfs/${cid}: not found`);
    res.writeHead(200, { "content-type": "application/octet-stream", "access-control-allow-origin": "*" });
    if (req.method === "HEAD") return void res.end();
    try {
      for await (const piece of swapped ? [swapped] : store.get(cid)) if (!res.write(piece)) await new Promise((r) => res.once("drain", r));
      res.end();
    } catch {
      res.destroy();
    }
  });
  return { ...served, requests };
}

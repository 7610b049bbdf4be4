// A JSON-RPC over HTTP endpoint in front of an EIP-1193 provider (Hardhat's in-process chain), or
// of another JSON-RPC URL whose answers it passes on as they are (status, Retry-After, body: a
// public endpoint's refusals reach the client unchanged), that a test can switch off (connections
// refused: the port is closed), to HTTP 503, or to never answering, and back on, on the same
// port. It also counts requests by method.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

export type FrontMode = "up" | "refuse" | "http-503" | "hang";

export class RpcFront {
  readonly provider: Eip1193;
  /** Where requests go instead of the provider, passed through untouched (null: the provider). */
  readonly upstream: string | null;
  readonly port: number;
  readonly calls = new Map<string, number>();
  /** Every raw transaction received by eth_sendRawTransaction (duplicates included). */
  readonly rawTransactions: string[] = [];
  #server: Server;
  #mode: FrontMode = "up";
  #hanging = new Set<ServerResponse>();

  private constructor(provider: Eip1193, upstream: string | null, server: Server, port: number) {
    this.provider = provider;
    this.upstream = upstream;
    this.#server = server;
    this.port = port;
  }

  /** `upstream`: a JSON-RPC URL requests are passed to instead of `provider` (which stays for direct reads). */
  static async start(provider: Eip1193, upstream: string | null = null): Promise<RpcFront> {
    let front: RpcFront | undefined;
    const server = createServer((req, res) => void front!.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    front = new RpcFront(provider, upstream, server, (server.address() as AddressInfo).port);
    return front;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mode(): FrontMode {
    return this.#mode;
  }

  async setMode(mode: FrontMode): Promise<void> {
    if (mode === this.#mode) return;
    const wasClosed = this.#mode === "refuse";
    this.#mode = mode;
    for (const res of this.#hanging) res.destroy();
    this.#hanging.clear();
    if (mode === "refuse") {
      await new Promise<void>((resolve) => {
        this.#server.close(() => resolve());
        this.#server.closeAllConnections();
      });
    } else if (wasClosed) {
      const server = createServer((req, res) => void this.#handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(this.port, "127.0.0.1", () => resolve());
      });
      this.#server = server;
    }
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    if (this.#mode === "refuse") return;
    this.#mode = "refuse";
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #count(call: { method: string; params?: unknown }): void {
    this.calls.set(call.method, (this.calls.get(call.method) ?? 0) + 1);
    if (call.method === "eth_sendRawTransaction") this.rawTransactions.push((call.params as string[])[0]!);
  }

  async #one(call: { id?: unknown; method: string; params?: unknown }): Promise<unknown> {
    this.#count(call);
    try {
      const result = await this.provider.request({ method: call.method, params: call.params });
      return { jsonrpc: "2.0", id: call.id ?? null, result: result ?? null };
    } catch (e) {
      const err = e as { code?: number; message?: string; data?: unknown };
      return { jsonrpc: "2.0", id: call.id ?? null, error: { code: typeof err.code === "number" ? err.code : -32603, message: err.message ?? String(e), data: err.data } };
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#mode === "hang") {
      this.#hanging.add(res);
      return;
    }
    if (this.#mode === "http-503") {
      res.writeHead(503, { "content-type": "text/plain" }).end("service unavailable");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (this.upstream) return this.#pass(Buffer.concat(chunks), body, res);
    const out = Array.isArray(body) ? await Promise.all(body.map((c) => this.#one(c))) : await this.#one(body as { method: string });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
  }

  async #pass(raw: Buffer, body: unknown, res: ServerResponse): Promise<void> {
    for (const call of Array.isArray(body) ? body : [body]) this.#count(call as { method: string; params?: unknown });
    let answer: Response;
    try {
      answer = await fetch(this.upstream!, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array(raw) });
    } catch {
      res.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
      return;
    }
    const headers: Record<string, string> = { "content-type": answer.headers.get("content-type") ?? "application/json" };
    const retryAfter = answer.headers.get("retry-after");
    if (retryAfter) headers["retry-after"] = retryAfter;
    res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  }
}

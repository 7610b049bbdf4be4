// A JSON-RPC endpoint in front of a chain (an HTTP node or an in-process EIP-1193 provider) that
// behaves like a free public endpoint: eth_getLogs refused over 2,000 blocks or 10,000 results,
// a request rate limit answered with HTTP 429 and Retry-After, and a steady share of requests
// answered 429 or 503 as a busy provider does (spread evenly, so every run sees the same ones). Tests put
// it between the project's chain readers and the chain to prove they live within such limits.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface PublicRpcLimits {
  /** Most blocks one eth_getLogs may span. */
  maxBlockRange: number;
  /** Most logs one eth_getLogs may return. */
  maxResults: number;
  /** Sustained requests per second (a token bucket of `burst` tokens). */
  requestsPerSecond: number;
  burst: number;
  /** Share of requests answered 429 or 503 (in turn), whatever the rate. */
  failureRate: number;
}

export const PUBLIC_RPC_LIMITS: PublicRpcLimits = { maxBlockRange: 2_000, maxResults: 10_000, requestsPerSecond: 40, burst: 80, failureRate: 0.03 };

export interface Eip1193Upstream {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

interface Call {
  jsonrpc?: string;
  id?: unknown;
  method: string;
  params?: unknown[];
}

/** What the proxy did, for a test to show the limits were met. */
export interface ProxyTally {
  forwarded: number;
  rangeRefused: number;
  resultsRefused: number;
  rateLimited: number;
  injected429: number;
  injected503: number;
  /** The widest eth_getLogs range forwarded, in blocks. */
  widestLogRange: number;
}

// The error a provider gives for a range or result count over its limit (Alchemy's -32602 "Log
// response size exceeded" family): invalid params, so a client narrows the range, never retries it.
const TOO_WIDE = -32602;

export class PublicRpcProxy {
  readonly limits: PublicRpcLimits;
  readonly tally: ProxyTally = { forwarded: 0, rangeRefused: 0, resultsRefused: 0, rateLimited: 0, injected429: 0, injected503: 0, widestLogRange: 0 };
  readonly url: string;
  #server: Server;
  #upstream: (call: Call) => Promise<unknown>;
  #tokens: number;
  #refilledAt = performance.now();
  #requests = 0;
  #failures = 0;

  private constructor(server: Server, upstream: (call: Call) => Promise<unknown>, limits: PublicRpcLimits) {
    this.#server = server;
    this.#upstream = upstream;
    this.limits = limits;
    this.#tokens = limits.burst;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Starts on a free loopback port in front of `upstream` (a JSON-RPC URL or a provider). */
  static async start(upstream: string | Eip1193Upstream, limits: Partial<PublicRpcLimits> = {}): Promise<PublicRpcProxy> {
    let proxy: PublicRpcProxy | undefined;
    const server = createServer((req, res) => void proxy!.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxy = new PublicRpcProxy(server, typeof upstream === "string" ? httpUpstream(upstream) : providerUpstream(upstream), { ...PUBLIC_RPC_LIMITS, ...limits });
    return proxy;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #take(n: number): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.limits.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.limits.requestsPerSecond);
    this.#refilledAt = now;
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Public endpoints answer browsers from any origin, refusals included.
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-allow-methods": "POST, OPTIONS" };
    if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Call | Call[];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return void res.writeHead(400, { ...cors, "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }));
    }
    const calls = Array.isArray(body) ? body : [body];
    if (!this.#take(calls.length)) {
      this.tally.rateLimited++;
      return void res.writeHead(429, { ...cors, "content-type": "application/json", "retry-after": "1" }).end(JSON.stringify(rateError(calls[0]?.id, `over ${this.limits.requestsPerSecond} requests per second`)));
    }
    this.#requests++;
    if (Math.floor(this.#requests * this.limits.failureRate) > this.#failures) {
      this.#failures++;
      if (this.#failures % 2 === 1) {
        this.tally.injected429++;
        return void res.writeHead(429, { ...cors, "content-type": "application/json" }).end(JSON.stringify(rateError(calls[0]?.id, "the provider is busy")));
      }
      this.tally.injected503++;
      return void res.writeHead(503, { ...cors, "content-type": "text/plain" }).end("service temporarily unavailable");
    }
    let answers: unknown[];
    try {
      answers = await Promise.all(calls.map((c) => this.#one(c)));
    } catch (e) {
      // The chain behind the endpoint is down: a provider says so with a 502.
      return void res.writeHead(502, { ...cors, "content-type": "text/plain" }).end(`bad gateway: ${(e as Error).message}`);
    }
    res.writeHead(200, { ...cors, "content-type": "application/json" }).end(JSON.stringify(Array.isArray(body) ? answers : answers[0]));
  }

  async #one(call: Call): Promise<unknown> {
    const reply = (result: unknown) => ({ jsonrpc: "2.0", id: call.id ?? null, ...(result as object) });
    if (call.method === "eth_getLogs") {
      const refusal = await this.#checkRange(call);
      if (refusal) return reply({ error: refusal });
    }
    this.tally.forwarded++;
    const answer = (await this.#upstream(call)) as { result?: unknown; error?: unknown };
    if (call.method === "eth_getLogs" && Array.isArray(answer.result) && answer.result.length > this.limits.maxResults) {
      this.tally.resultsRefused++;
      return reply({ error: { code: TOO_WIDE, message: `Log response size exceeded: query returned ${answer.result.length} results, more than ${this.limits.maxResults}; ask for a smaller block range` } });
    }
    return reply(answer);
  }

  async #checkRange(call: Call): Promise<{ code: number; message: string } | null> {
    const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
    if (filter.blockHash) return null;
    const from = await this.#blockNumber(filter.fromBlock ?? "latest");
    const to = await this.#blockNumber(filter.toBlock ?? "latest");
    const span = Number(to - from) + 1;
    if (span > this.limits.maxBlockRange) {
      this.tally.rangeRefused++;
      return { code: TOO_WIDE, message: `eth_getLogs is limited to a ${this.limits.maxBlockRange} block range: asked for ${span} blocks (${from} to ${to})` };
    }
    this.tally.widestLogRange = Math.max(this.tally.widestLogRange, span);
    return null;
  }

  async #blockNumber(tag: string): Promise<bigint> {
    if (tag === "earliest") return 0n;
    if (tag.startsWith("0x")) return BigInt(tag);
    const answer = (await this.#upstream({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber", params: [] })) as { result: string };
    return BigInt(answer.result);
  }
}

function rateError(id: unknown, why: string) {
  return { jsonrpc: "2.0", id: id ?? null, error: { code: 429, message: `Too Many Requests: ${why}` } };
}

function httpUpstream(url: string): (call: Call) => Promise<unknown> {
  return async (call) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", ...call }) });
    return res.json();
  };
}

function providerUpstream(provider: Eip1193Upstream): (call: Call) => Promise<unknown> {
  return async (call) => {
    try {
      return { result: (await provider.request({ method: call.method, params: call.params ?? [] })) ?? null };
    } catch (e) {
      const err = e as { code?: number; message?: string; data?: unknown };
      return { error: { code: typeof err.code === "number" ? err.code : -32603, message: err.message ?? String(e), data: err.data } };
    }
  };
}

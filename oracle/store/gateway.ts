// A read-only ContentStore over an IPFS HTTP gateway: GET <base>/ipfs/<cid> answers the file's
// bytes (a public gateway, a Kubo node's gateway port, or the oracle, which serves every CID it
// stored at the same path). Runs in Node and in browsers (fetch and web streams only, no node:
// imports), so the CLI and the dApp read content the same way.
//
// The body is streamed as it arrives, never buffered whole. Nothing fetched is trusted: a gateway
// may serve other bytes than the CID names, so readers check what they get (readManifest re-hashes
// manifests against their CIDs; decryptStream authenticates every chunk of a ciphertext and checks
// the plaintext against the manifest's commitment).
import type { CID } from "multiformats/cid";
import type { ContentStore, GetOptions } from "./content-store.ts";
import { cidKey, parseCid, type CidInput } from "./cid.ts";
import { CidNotFoundError, InvalidStoreConfigError, StoreError } from "./errors.ts";

export interface GatewayStoreOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** How errors name this source, e.g. "the IPFS gateway https://ipfs.io" (the default). */
  where?: string;
  /** The path under the base URL that serves a CID (default "ipfs": GET <base>/ipfs/<cid>). */
  path?: string;
  /** Extra request headers (e.g. an Authorization header of a private gateway). */
  headers?: Record<string, string>;
}

/** A write (add, pin, CAR import) asked of a read-only HTTP source. */
export class ReadOnlyStoreError extends StoreError {
  override name = "ReadOnlyStoreError";
}

/** The gateway does not have the content (404 or 410). A CidNotFoundError whose advice suits a reader. */
export class GatewayCidNotFoundError extends CidNotFoundError {
  constructor(cid: string, { where, url }: { where: string; url: string }) {
    super(cid, { where });
    const hint =
      `Check the CID (GET ${url} answered "not found"). A public gateway finds content only while a node ` +
      "that holds it is online and announces it: try again later, another gateway, or the oracle itself (--gateway <oracle URL>).";
    // CidNotFoundError's own advice is for whoever stores the data; this error is a reader's.
    Object.assign(this, { hint, message: [this.shortMessage, `What to do: ${hint}`].join("\n") });
  }
}

/** Checks a gateway base URL: http(s), no query or fragment. Returns it without a trailing slash. */
export function parseGatewayUrl(value: string, variable = "gateway URL"): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidStoreConfigError(variable, value, "it is not a URL", "Give the gateway's base URL, e.g. https://ipfs.io or http://127.0.0.1:8787 (the oracle).");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidStoreConfigError(variable, value, `${url.protocol} is not http: or https:`, "Give the gateway's base URL, e.g. https://ipfs.io.");
  }
  if (url.search || url.hash) {
    throw new InvalidStoreConfigError(variable, value, "it has a query or fragment", "Give only the base URL; /ipfs/<cid> is appended to it.");
  }
  return url.toString().replace(/\/+$/, "");
}

const describe = (cause: unknown): string => {
  const e = cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  return [e?.cause?.code, e?.cause?.message ?? e?.message ?? String(cause)].filter(Boolean).join(": ");
};

export class GatewayStore implements ContentStore {
  // The ContentStore kinds name where content lives; a gateway reads from IPFS nodes.
  readonly kind = "kubo" as const;
  readonly location: string;
  readonly #fetch: typeof fetch;
  readonly #where: string;
  readonly #path: string;
  readonly #headers: Record<string, string>;

  constructor(baseUrl: string, options: GatewayStoreOptions = {}) {
    this.location = parseGatewayUrl(baseUrl);
    this.#fetch = options.fetch ?? ((...a) => globalThis.fetch(...a));
    this.#where = options.where ?? `the IPFS gateway ${this.location}`;
    this.#path = (options.path ?? "ipfs").replace(/^\/+|\/+$/g, "");
    this.#headers = options.headers ?? {};
  }

  /** The URL the content of `cid` is read from. */
  url(cid: CidInput): string {
    return `${this.location}/${this.#path}/${cidKey(parseCid(cid))}`;
  }

  async #send(method: "GET" | "HEAD", cid: string, signal?: AbortSignal): Promise<Response> {
    const url = this.url(cid);
    try {
      return await this.#fetch(url, { method, signal, credentials: "omit", headers: this.#headers });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new StoreError(`${this.#where} does not answer.`, {
        details: `${method} ${url} failed: ${describe(cause)}`,
        hint: `Check that ${this.location} is the right address and that the gateway is running (open ${url} in a browser), or use another source.`,
        cause,
      });
    }
  }

  /** The response when it is a 2xx; CidNotFoundError on 404 or 410, StoreError on anything else. */
  async #ok(res: Response, method: string, cid: string): Promise<Response> {
    if (res.ok) return res;
    const url = this.url(cid);
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel().catch(() => {});
      throw new GatewayCidNotFoundError(cid, { where: this.#where, url });
    }
    const text = await res.text().catch(() => "");
    throw new StoreError(`${this.#where} answered ${res.status} ${res.statusText} for ${cid}.`, {
      details: text ? `${method} ${url}: ${text.slice(0, 300)}` : `${method} ${url}`,
      hint:
        res.status >= 500 || res.status === 429
          ? "The gateway is busy or failing: try again later, or read from another gateway."
          : "Check the gateway URL (it must serve GET <url>/ipfs/<cid>) and whether it needs credentials.",
    });
  }

  /** The file's bytes as the gateway sends them (streamed); CidNotFoundError on 404 or 410. */
  async *get(cidInput: CidInput, options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    const cid = cidKey(parseCid(cidInput));
    const res = await this.#ok(await this.#send("GET", cid, options.signal), "GET", cid);
    if (!res.body) return;
    const reader = res.body.getReader();
    let done = false;
    try {
      while (true) {
        let piece: ReadableStreamReadResult<Uint8Array>;
        try {
          piece = await reader.read();
        } catch (cause) {
          if (options.signal?.aborted) throw cause;
          throw new StoreError(`${this.#where} stopped sending ${cid} part way.`, {
            details: describe(cause),
            hint: "Try again; if it keeps failing, read the content from another gateway.",
            cause,
          });
        }
        if (piece.done) {
          done = true;
          return;
        }
        if (piece.value.byteLength > 0) yield piece.value;
      }
    } finally {
      // A reader that stops early (an error downstream, a size limit) closes the connection.
      if (!done) await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }

  /** True when the gateway can serve the content now (HEAD, or GET when HEAD is not allowed). */
  async has(cidInput: CidInput): Promise<boolean> {
    const cid = cidKey(parseCid(cidInput));
    let method: "GET" | "HEAD" = "HEAD";
    let res = await this.#send(method, cid);
    if (res.status === 405 || res.status === 501) {
      method = "GET";
      res = await this.#send(method, cid);
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel().catch(() => {});
      return false;
    }
    await (await this.#ok(res, method, cid)).body?.cancel().catch(() => {});
    return true;
  }

  #readOnly(what: string): never {
    throw new ReadOnlyStoreError(`${this.#where} is read-only: it cannot ${what}.`, {
      hint: "Add, pin and import through the oracle's own store (an embedded store folder or a Kubo RPC API), not through a gateway.",
    });
  }

  async add(): Promise<CID> {
    this.#readOnly("add content");
  }
  async pin(): Promise<void> {
    this.#readOnly("pin content");
  }
  async unpin(): Promise<void> {
    this.#readOnly("unpin content");
  }
  async isPinned(): Promise<boolean> {
    this.#readOnly("tell what is pinned");
  }
  // eslint-disable-next-line require-yield
  async *exportCar(): AsyncGenerator<Uint8Array> {
    this.#readOnly("export CAR files (read each CID with get)");
  }
  async importCar(): Promise<CID[]> {
    this.#readOnly("import CAR files");
  }
  async close(): Promise<void> {}
}

// A stand-in for a remote Kubo node's HTTP RPC API, for tests on a machine where no Kubo can
// run. It speaks the few endpoints the store uses, with Kubo's request and response shapes
// (docs.ipfs.tech/reference/kubo/rpc): POST only, `arg` query parameters, NDJSON or JSON bodies,
// errors as HTTP 500 with {"Message","Code","Type":"error"}. Like Kubo it imports files with
// its *defaults* (CIDv0, 256 KiB chunks, 174 links: unixfs-v0-2015) unless the request says
// otherwise, so a client that forgets an option gets a different CID, as it would from Kubo.
//
// It is a test double of the remote node, not of the store: the store's code runs unchanged
// against it. What it cannot show is how a real Kubo behaves beyond these shapes.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as dagPb from "@ipld/dag-pb";
import { CarBlockIterator } from "@ipld/car/iterator";
import { CarWriter } from "@ipld/car/writer";
import { importer } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import { exporter } from "ipfs-unixfs-exporter";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";

export interface FakeKuboOptions {
  /** Behave like a node that ignores the client's import options (always its defaults). */
  ignoreImportOptions?: boolean;
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

class NodeError extends Error {}

export class FakeKubo {
  readonly requests: RecordedRequest[] = [];
  readonly blocks = new Map<string, Uint8Array>();
  readonly pins = new Set<string>();
  readonly #options: FakeKuboOptions;
  #server: Server | undefined;
  url = "";

  constructor(options: FakeKuboOptions = {}) {
    this.#options = options;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err) => this.#fail(res, err instanceof NodeError ? err.message : String(err)));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  /** Requests made to one endpoint, e.g. "/api/v0/add". */
  calls(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  // --- blockstore of the fake node -------------------------------------------------------

  #key(cid: CID): string {
    return cid.toV1().toString();
  }

  #store = {
    put: async (cid: CID, bytes: Uint8Array) => {
      this.blocks.set(this.#key(cid), bytes);
      return cid;
    },
    get: (cid: CID) => {
      const bytes = this.blocks.get(this.#key(cid));
      return (async function* () {
        if (bytes === undefined) throw new NodeError(`block was not found locally (offline): ipld: could not find ${cid}`);
        yield bytes;
      })();
    },
  };

  #complete(cid: CID): boolean {
    const bytes = this.blocks.get(this.#key(cid));
    if (bytes === undefined) return false;
    if (cid.code === raw.code) return true;
    return dagPb.decode(bytes).Links.every((l) => this.#complete(l.Hash));
  }

  *#walk(cid: CID, seen = new Set<string>()): Generator<{ cid: CID; bytes: Uint8Array }> {
    const key = this.#key(cid);
    if (seen.has(key)) return;
    seen.add(key);
    const bytes = this.blocks.get(key);
    if (bytes === undefined) throw new NodeError(`block was not found locally (offline): ipld: could not find ${cid}`);
    yield { cid, bytes };
    if (cid.code === dagPb.code) for (const l of dagPb.decode(bytes).Links) yield* this.#walk(l.Hash, seen);
  }

  // --- HTTP --------------------------------------------------------------------------------

  #fail(res: ServerResponse, message: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ Message: message, Code: 0, Type: "error" }));
  }

  #json(res: ServerResponse, ...values: unknown[]): void {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(values.map((v) => JSON.stringify(v)).join("\n") + "\n");
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    this.requests.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const q = url.searchParams;
    const arg = () => {
      const a = q.get("arg");
      if (a === null) throw new NodeError("argument \"ipfs-path\" is required");
      return CID.parse(a.replace(/^\/ipfs\//, ""));
    };
    switch (url.pathname) {
      case "/api/v0/version":
        return this.#json(res, { Version: "0.41.0-fake", Commit: "", Repo: "16", System: "", Golang: "" });
      case "/api/v0/add": {
        const content = await this.#multipartFile(req);
        const cid = await this.#import(content, q);
        if (q.get("pin") !== "false") this.pins.add(this.#key(cid));
        return this.#json(res, { Name: cid.toString(), Hash: cid.toString(), Size: String(content.length) });
      }
      case "/api/v0/cat": {
        const cid = arg();
        const entry = await exporter(cid, this.#store);
        if (entry.type !== "file" && entry.type !== "raw") throw new NodeError("this dag node is a directory");
        res.writeHead(200, { "content-type": "text/plain", "x-stream-output": "1" });
        for await (const piece of entry.content()) res.write(piece as Uint8Array);
        res.end();
        return;
      }
      case "/api/v0/files/stat": {
        const cid = arg();
        if (!this.blocks.has(this.#key(cid))) {
          throw new NodeError(`block was not found locally (offline): ipld: could not find ${cid}`);
        }
        const local = this.#complete(cid);
        return this.#json(res, {
          Hash: cid.toString(),
          Size: 0,
          CumulativeSize: 0,
          Blocks: 0,
          Type: "file",
          WithLocality: q.get("with-local") === "true",
          Local: local,
          SizeLocal: 0,
        });
      }
      case "/api/v0/pin/add": {
        const cid = arg();
        if (!this.#complete(cid)) throw new NodeError(`fake node: cannot fetch ${cid} from the network`);
        this.pins.add(this.#key(cid));
        return this.#json(res, { Pins: [cid.toString()] });
      }
      case "/api/v0/pin/rm": {
        const cid = arg();
        if (!this.pins.delete(this.#key(cid))) throw new NodeError("not pinned or pinned indirectly");
        return this.#json(res, { Pins: [cid.toString()] });
      }
      case "/api/v0/pin/ls": {
        const cid = arg();
        if (!this.pins.has(this.#key(cid))) throw new NodeError(`path '/ipfs/${cid}' is not pinned`);
        return this.#json(res, { Cid: cid.toString(), Type: "recursive" });
      }
      case "/api/v0/dag/export": {
        const cid = arg();
        const blocks = [...this.#walk(cid)];
        const { writer, out } = CarWriter.create([cid]);
        res.writeHead(200, { "content-type": "application/vnd.ipld.car" });
        const sending = (async () => {
          for await (const chunk of out) res.write(chunk);
          res.end();
        })();
        for (const b of blocks) await writer.put(b);
        await writer.close();
        await sending;
        return;
      }
      case "/api/v0/dag/import": {
        const car = await this.#multipartFile(req);
        const iterator = await CarBlockIterator.fromBytes(car);
        const roots = await iterator.getRoots();
        for await (const { cid, bytes } of iterator) await this.#store.put(cid, bytes);
        const lines = roots.map((root) => {
          let PinErrorMsg = "";
          if (q.get("pin-roots") !== "false") {
            if (this.#complete(root)) this.pins.add(this.#key(root));
            else PinErrorMsg = `block was not found locally (offline): ipld: could not find ${root}`;
          }
          return { Root: { Cid: { "/": root.toString() }, PinErrorMsg } };
        });
        return this.#json(res, ...lines);
      }
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
    }
  }

  /** Imports like Kubo: the node's defaults (unixfs-v0-2015) unless the query overrides them. */
  async #import(content: Uint8Array, q: URLSearchParams): Promise<CID> {
    const honour = !this.#options.ignoreImportOptions;
    const cidVersion = honour && q.get("cid-version") === "1" ? 1 : 0;
    const rawLeaves = honour && q.has("raw-leaves") ? q.get("raw-leaves") === "true" : cidVersion === 1;
    const chunker = (honour && q.get("chunker")) || "size-262144";
    const maxLinks = Number((honour && q.get("max-file-links")) || 174);
    if (honour && q.has("hash") && q.get("hash") !== "sha2-256") throw new NodeError("fake node: only sha2-256");
    if (honour && q.get("trickle") === "true") throw new NodeError("fake node: no trickle layout");
    const size = /^size-(\d+)$/.exec(chunker);
    if (!size) throw new NodeError(`fake node: unsupported chunker ${chunker}`);
    let root: CID | undefined;
    for await (const entry of importer([{ content }], this.#store, {
      cidVersion,
      rawLeaves,
      reduceSingleLeafToSelf: true,
      chunker: fixedSize({ chunkSize: Number(size[1]) }),
      layout: balanced({ maxChildrenPerNode: maxLinks }),
    })) {
      root = entry.cid;
    }
    return root!;
  }

  /** The content of the (single) file part of a multipart/form-data request body. */
  async #multipartFile(req: IncomingMessage): Promise<Uint8Array> {
    const boundary = /boundary=([^;]+)/.exec(req.headers["content-type"] ?? "")?.[1];
    if (!boundary) throw new NodeError("file argument 'path' is required");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const start = body.indexOf("\r\n\r\n", body.indexOf(`--${boundary}`)) + 4;
    const end = body.indexOf(`\r\n--${boundary}`, start);
    return new Uint8Array(body.subarray(start, end));
  }
}

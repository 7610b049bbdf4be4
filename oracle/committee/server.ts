// A committee node's HTTP side. POST /cosign takes a leader's signed request and answers with a
// signed co-signature or a signed refusal saying what differed; only a current committee member
// (read from the splitter) may ask, each request id once. GET /reader-key gives the node's reader
// public key signed by its signer key; GET /status is public, for monitoring and the dApp.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress, toHex, type Address, type LocalAccount, type PublicClient } from "viem";
import { readCommittee, type Committee } from "../attest/index.ts";
import { COSIGN_RESPONSE, cosignRequest, MEMBER_READER_KEY, type CosignResponse, type MemberReaderKey } from "../protocol/committee-api.ts";
import { EnvelopeError, openEnvelope, signEnvelope } from "./envelope.ts";
import { CosignRefusedError, type CommitteeNode } from "./node.ts";

export interface NodeServerOptions {
  node: CommitteeNode;
  signer: LocalAccount;
  chainId: number;
  splitter: Address;
  client: PublicClient;
  host: string;
  port: number;
  log?: (line: string) => void;
}

const MAX_BODY = 64 * 1024;
const COMMITTEE_CACHE_MS = 15_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "access-control-allow-origin": "*" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > MAX_BODY) throw new EnvelopeError(`The request is larger than ${MAX_BODY} bytes.`);
    parts.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString("utf8"));
  } catch {
    throw new EnvelopeError("The request body is not JSON.");
  }
}

export async function startNodeServer(o: NodeServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { node, signer, chainId, splitter } = o;
  let committee: { at: number; value: Promise<Committee> } | null = null;
  const currentCommittee = () => {
    if (!committee || Date.now() - committee.at > COMMITTEE_CACHE_MS) {
      committee = { at: Date.now(), value: readCommittee(o.client, splitter) };
      committee.value.catch(() => (committee = null));
    }
    return committee.value;
  };

  async function cosign(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await openEnvelope(await readBody(req), cosignRequest, { chainId, splitter, to: signer.address });
    const members = (await currentCommittee()).signers.map((s) => getAddress(s));
    if (!members.includes(getAddress(request.from))) {
      send(res, 403, { error: "not_a_member", message: `${request.from} is not a member of the committee in force; only members may ask for co-signatures.` });
      return;
    }
    if (!node.claimRequest(request.id, (request.issuedAt + 600) * 1000)) {
      send(res, 409, { error: "replayed", message: `request ${request.id} was answered before; send a new id.` });
      return;
    }
    const a = request.attestation;
    let result: CosignResponse["result"];
    try {
      const { signature } = await node.cosign({ contributor: getAddress(a.contributor), tokens: BigInt(a.tokens), nonce: BigInt(a.nonce), deadline: BigInt(a.deadline), manifestCid: a.manifestCid as `0x${string}` });
      result = { signature };
      o.log?.(`co-signed ${a.manifestCid} for ${a.contributor} (${a.tokens} tokens, nonce ${a.nonce}) asked by ${request.from}`);
    } catch (e) {
      const refused = e instanceof CosignRefusedError ? e : new CosignRefusedError(`${signer.address} cannot check this attestation.`, [`replay.unavailable: ${(e as Error).message}`]);
      result = { refused: { reason: refused.shortMessage, differences: refused.differences } };
      o.log?.(`refused ${a.manifestCid} asked by ${request.from}: ${refused.differences.join("; ")}`);
    }
    const response: CosignResponse = { kind: COSIGN_RESPONSE, chainId, splitter, from: signer.address, to: getAddress(request.from), issuedAt: Math.floor(Date.now() / 1000), requestId: request.id, result };
    send(res, 200, await signEnvelope(signer, response));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://node").pathname;
    const handle = async () => {
      if (req.method === "GET" && path === "/status") return send(res, 200, node.status());
      if (req.method === "GET" && path === "/reader-key") {
        const key = toHex(await node.readerPublicKey());
        const message: MemberReaderKey = { kind: MEMBER_READER_KEY, chainId, splitter, from: signer.address, to: signer.address, issuedAt: Math.floor(Date.now() / 1000), key };
        return send(res, 200, await signEnvelope(signer, message));
      }
      if (req.method === "POST" && path === "/cosign") return cosign(req, res);
      send(res, 404, { error: "not_found", message: "this committee node serves GET /status, GET /reader-key and POST /cosign" });
    };
    handle().catch((e) => {
      if (e instanceof EnvelopeError) return send(res, 401, { error: "unauthenticated", message: e.shortMessage, details: e.details, hint: e.hint });
      o.log?.(`request failed: ${(e as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: "internal", message: (e as Error).message });
    });
  });
  // Replays can take long: the leader's own timeout decides, not the server's.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(o.port, o.host, resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

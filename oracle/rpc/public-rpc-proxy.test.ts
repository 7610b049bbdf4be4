// The project's log reads live within a public endpoint's limits: the proxy enforces them, and
// readLogs over rpcTransport still reads every event exactly once through it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, getAbiItem, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { revenueSplitterFactoryAbi } from "../protocol/abi.ts";
import { followLogs, readLogs, REORG_DEPTH } from "../protocol/read-logs.ts";
import { rpcTransport } from "../protocol/rpc-transport.ts";
import { PublicRpcProxy, type PublicRpcLimits } from "./public-rpc-proxy.ts";

const programCreated = getAbiItem({ abi: revenueSplitterFactoryAbi, name: "ProgramCreated" });
const PROGRAMS = 4;
const GAP = 3_000; // blocks mined between two programs: every read spans more than one page

let chain: TestChain;
let direct: Awaited<ReturnType<typeof readAll>>;

function client(urls: string | string[]): PublicClient {
  return createPublicClient({ chain: hardhat, transport: rpcTransport(urls, { retryDelay: 50 }) }) as PublicClient;
}

/** Runs `use` against a fresh proxy in front of the test chain, and closes it. */
async function withProxy(limits: Partial<PublicRpcLimits>, use: (proxy: PublicRpcProxy) => Promise<void>): Promise<void> {
  const proxy = await PublicRpcProxy.start(chain.provider, limits);
  try {
    await use(proxy);
  } finally {
    await proxy.close();
  }
}

function readAll(c: PublicClient) {
  return readLogs(c, { event: programCreated, fromBlock: 0n, strict: true });
}

before(async () => {
  chain = await startTestChain();
  const signers = testAccounts(3, 2101).map((a) => a.address);
  for (let i = 0; i < PROGRAMS; i++) {
    await chain.request("hardhat_mine", [`0x${GAP.toString(16)}`]);
    await chain.deployProgram(signers, 2);
  }
  direct = await readAll(chain.publicClient);
});
after(() => chain.close());

describe("the public RPC proxy", () => {
  it("refuses an eth_getLogs over 2,000 blocks with a message that names the limit", async () => {
    await withProxy({ failureRate: 0 }, async (proxy) => {
      const raw = createPublicClient({ chain: hardhat, transport: http(proxy.url, { retryCount: 0 }) });
      await assert.rejects(raw.getLogs({ event: programCreated, fromBlock: 0n, toBlock: 2_000n }), /limited to a 2000 block range: asked for 2001 blocks/);
      assert.equal(proxy.tally.rangeRefused, 1);
    });
  });

  it("answers 429 with Retry-After once the request rate is over its limit", async () => {
    await withProxy({ failureRate: 0, requestsPerSecond: 1, burst: 2 }, async (proxy) => {
      const post = () => fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      const answers = [await post(), await post(), await post()];
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 429]);
      assert.equal(answers[2]!.headers.get("retry-after"), "1");
    });
  });
});

describe("readLogs over rpcTransport, through the proxy", () => {
  it("reads every event of a history longer than one page, never asking for more than 2,000 blocks", async () => {
    await withProxy({ failureRate: 0 }, async (proxy) => {
      const logs = await readAll(client(proxy.url));
      assert.equal(logs.length, PROGRAMS);
      assert.deepEqual(logs.map((l) => l.args.program), direct.map((l) => l.args.program));
      assert.ok(proxy.tally.widestLogRange <= 2_000, `widest range ${proxy.tally.widestLogRange}`);
      assert.equal(proxy.tally.rangeRefused, 0);
    });
  });

  it("narrows a page whose result count is over the endpoint's limit until it passes", async () => {
    await withProxy({ failureRate: 0, maxBlockRange: 100_000, maxResults: 1 }, async (proxy) => {
      const logs = await readLogs(client(proxy.url), { event: programCreated, fromBlock: 0n, strict: true, blockRange: 100_000n });
      assert.deepEqual(logs.map((l) => l.args.program), direct.map((l) => l.args.program));
      assert.ok(proxy.tally.resultsRefused > 0);
    });
  });

  it("gets every event once through a busy endpoint (rate limit, 429 and 503 answers)", async () => {
    await withProxy({ failureRate: 0.3, requestsPerSecond: 20, burst: 5 }, async (proxy) => {
      const logs = await readAll(client(proxy.url));
      assert.deepEqual(logs.map((l) => l.args.program), direct.map((l) => l.args.program));
      assert.ok(proxy.tally.injected429 + proxy.tally.injected503 > 0, JSON.stringify(proxy.tally));
    });
  });

  it("moves to the next RPC URL when the first does not answer", async () => {
    const dead = await PublicRpcProxy.start(chain.provider);
    await dead.close();
    await withProxy({ failureRate: 0 }, async (proxy) => {
      const logs = await readAll(client([dead.url, proxy.url]));
      assert.equal(logs.length, PROGRAMS);
    });
  });
});

describe("followLogs", () => {
  it("reads only the blocks since the previous read, and REORG_DEPTH before them, after the first", async () => {
    await withProxy({ failureRate: 0 }, async (proxy) => {
      const c = client(proxy.url);
      const read = (range: { fromBlock: bigint; toBlock: bigint }) => readLogs(c, { event: programCreated, strict: true, ...range });
      const first = await followLogs(c, undefined, 0n, read);
      assert.equal(first.logs.length, PROGRAMS);
      assert.equal(await followLogs(c, first, 0n, read), first, "no new block: nothing read");
      proxy.tally.widestLogRange = 0;
      await chain.deployProgram(testAccounts(3, 2102).map((a) => a.address), 2);
      const next = await followLogs(c, first, 0n, read);
      assert.equal(next.logs.length, PROGRAMS + 1);
      assert.deepEqual(next.logs.slice(0, PROGRAMS).map((l) => l.args.program), first.logs.map((l) => l.args.program));
      assert.ok(proxy.tally.widestLogRange <= Number(REORG_DEPTH) + 1, `read ${proxy.tally.widestLogRange} blocks`);
    });
  });

  it("reads a chain shorter than the previous window whole: a restarted node is another chain", async () => {
    const c = client(chain.front.url);
    const read = (range: { fromBlock: bigint; toBlock: bigint }) => readLogs(c, { event: programCreated, strict: true, ...range });
    const latest = await c.getBlockNumber();
    const other = { logs: [], through: latest + 1_000n };
    const again = await followLogs(c, other, 0n, read);
    assert.equal(again.through, latest);
    assert.deepEqual(again.logs.map((l) => l.args.program), (await readAll(chain.publicClient)).map((l) => l.args.program));
  });
});

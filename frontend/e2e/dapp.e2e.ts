// End-to-end: the production build of the dApp in Debian's Chromium (playwright-core), against a
// local Hardhat node, the real oracle (program sink: encrypted storage, manifests, committee
// signatures; attestations submitted by the contributors' own wallets), and an injected test
// wallet. Run from the repository root after `npx hardhat build`:
//   node --test --test-reporter=spec frontend/e2e/dapp.e2e.ts
// Screenshots go to $E2E_SCREENSHOTS or a fresh temp dir (printed).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { Hex } from "viem";
import type { PreviewServer } from "vite";
import type { AuditReport } from "../../oracle/audit/index.ts";
import { encodePublicKey, generateReaderKey } from "../../oracle/crypto/index.ts";
import { startIndexer, type RunningIndexer } from "../../indexer/launch.ts";
import { PublicRpcProxy } from "../../oracle/rpc/public-rpc-proxy.ts";
import { validateManifest } from "../../oracle/manifest/index.ts";
import { readerKeyRegistryAbi, revenueSplitterAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";
import type { JobView } from "../../oracle/protocol/oracle-api.ts";
import { amountForRevenue, fraction } from "../../oracle/protocol/payout.ts";
import { ALPHA_BPS, deployWorld, freePort, ROOT, startChain, UNIT, type Chain, type World } from "./chain.ts";
import { contributeThroughOracle, datasetFiles, startOracle, walletReaderKey, type Oracle } from "./oracle.ts";
import { accessibilityProblems, layoutProblems } from "./page-checks.ts";
import { TestWallet } from "./wallet.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Flags verified on these machines (shared/TOOLCHAIN.md): no sandbox in containers, no GPU, and
// no background traffic to the closed network.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let chain: Chain;
/** The dApp reads the chain as a public endpoint serves it: 2,000-block log ranges, a rate limit, some 429 and 503. */
let publicRpc: PublicRpcProxy;
let oracle: Oracle;
/** The indexer the dApp reads its history from; it reads the chain through the same public endpoint. */
let indexer: RunningIndexer;
/** Every request the page sent to the indexer. */
const indexerRequests: string[] = [];
let world: World;
let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let wallet: TestWallet;
let url: string;
let gateway: Gateway;
let seeded: JobView;
const scratch = mkdtempSync(join(tmpdir(), "1tt-e2e-"));
const shots = process.env.E2E_SCREENSHOTS ?? join(scratch, "screenshots");
/** What the page logged as errors since the last journey ended (failed requests included). */
const consoleErrors: string[] = [];

interface Gateway {
  url: string;
  server: Server;
  /** CIDs served, in order. */
  served: string[];
  /** CIDs whose bytes the gateway alters (a lying or broken gateway). */
  tampered: Set<string>;
}

/**
 * A stand-in for a public IPFS gateway (GET /ipfs/<cid>, with CORS, as ipfs.io answers), fed by
 * the oracle, which serves every CID it stored at /ipfs/<cid> (the network would have them from
 * it). The auditor page reads manifests here and checks every byte against its CID; the
 * catalogue reads key envelopes and ciphertext here. `tampered` makes it flip one byte.
 */
async function startGateway(origin: string): Promise<Gateway> {
  const served: string[] = [];
  const tampered = new Set<string>();
  const server = createServer(async (req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    const cid = /^\/ipfs\/([a-z0-9]+)$/.exec(req.url ?? "")?.[1];
    const upstream = cid && req.method === "GET" ? await fetch(`${origin}/ipfs/${cid}`).catch(() => null) : null;
    if (!upstream?.ok) return void res.writeHead(404).end("not found");
    const body = Buffer.from(await upstream.arrayBuffer());
    if (tampered.has(cid!)) body[body.length >> 1] ^= 0x01;
    served.push(cid!);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.byteLength }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server, served, tampered };
}

const read = <T>(address: `0x${string}`, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
  world.publicClient.readContract({ address, abi: abi as never, functionName, args } as never) as Promise<T>;

/** Waits until the element with data-testid `id` shows exactly `expected` as its data-value. */
async function expectValue(id: string, expected: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForSelector(`[data-testid="${id}"][data-value="${expected}"]`, { timeout });
  } catch {
    const actual = await page.getByTestId(id).first().getAttribute("data-value").catch(() => "(absent)");
    assert.fail(`${id}: expected data-value ${expected}, page shows ${actual}`);
  }
}

/** Screenshots at both widths, each width checked for overflow, clipping and accessibility first. */
async function screenshot(name: string): Promise<void> {
  const problems: string[] = [];
  for (const [label, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
    for (const p of [...(await layoutProblems(page)), ...(await accessibilityProblems(page))]) problems.push(`${label}: ${p}`);
  }
  await page.setViewportSize(DESKTOP);
  assert.deepEqual(problems, [], `the ${name} page at ${DESKTOP.width} and ${PHONE.width} px`);
}

// The whole suite: 47–75 s on an idle machine, two to three times that on a loaded one.
describe("1TT dApp in a real browser", { timeout: 300_000 }, () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (Debian), or set CHROMIUM_PATH.`);
    }
    mkdirSync(shots, { recursive: true });
    chain = await startChain();
    // A history longer than one page of a public endpoint: the program is created 5,000 blocks in
    // (with no time passing, so that deadlines signed from the wall clock stay valid).
    await fetch(chain.rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "hardhat_mine", params: ["0x1388", "0x0"] }) });
    // Blocks made by hardhat_mine get their hashes only once a later block is mined, so the first
    // real block's parent hash differs from what was read before: the indexer, which keeps the
    // last 30 blocks to follow reorganisations, would take it for one deeper than that. Real
    // blocks after them keep its window out of that range.
    await fetch(chain.rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(Array.from({ length: 32 }, (_, id) => ({ jsonrpc: "2.0", id, method: "evm_mine", params: [] }))) });
    world = await deployWorld(chain.rpc);
    publicRpc = await PublicRpcProxy.start(chain.rpc);
    // The indexer starts while the oracle does, reading the chain through the same public endpoint.
    const indexerStarting = freePort().then((port) =>
      startIndexer({ ...process.env, CHAIN_ID: "31337", INDEXER_RPC_URL: publicRpc.url, INDEXER_FACTORY_ADDRESS: world.factory, INDEXER_DATA_DIR: join(scratch, "indexer"), INDEXER_POLLING_MS: "250" }, port),
    );
    indexerStarting.catch(() => {}); // awaited (and its failure reported) below

    // The program's owner publishes the consumer's reader key (the one their wallet derives) and an
    // auditor's in the ReaderKeyRegistry; the oracle reads them there for every submission.
    const consumerKey = encodePublicKey((await walletReaderKey(world, world.consumer)).publicKey);
    const auditorKey = encodePublicKey(generateReaderKey().publicKey);
    await world.send(world.deployer, world.registry, readerKeyRegistryAbi, "setProgramReaders", [world.splitter, [consumerKey], [auditorKey]]);

    // A real oracle for the program; the dApp reaches it on its own origin under /oracle (vite
    // preview proxies).
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    oracle = await startOracle(world, { publicOrigin: `http://127.0.0.1:${port}`, dataDir: join(scratch, "oracle") });
    gateway = await startGateway(oracle.url);

    // Another contributor came first, through the oracle's API and their own wallet; then the
    // deployer deposited 10,000 tUSD of revenue (all of its α share is theirs).
    seeded = await contributeThroughOracle(world, oracle, world.other, datasetFiles(3));
    await world.send(world.deployer, world.splitter, revenueSplitterAbi, "depositRevenue", [10_000n * UNIT]);
    indexer = await indexerStarting;

    // Build the app for this chain and serve it with vite preview on the chosen port.
    Object.assign(process.env, {
      ORACLE_PROXY_TARGET: oracle.url,
      VITE_RPC_URL: publicRpc.url,
      VITE_CHAIN_ID: "31337",
      VITE_SPLITTER_ADDRESS: world.splitter,
      VITE_FACTORY_ADDRESS: world.factory,
      VITE_READER_REGISTRY_ADDRESS: world.registry,
      VITE_IPFS_GATEWAY: gateway.url,
      VITE_INDEXER_URL: indexer.url,
    });
    const { build, preview } = await import("vite");
    const configFile = join(ROOT, "frontend/vite.config.ts");
    const outDir = join(scratch, "dist");
    await build({ configFile, logLevel: "warn", build: { outDir } });
    server = await preview({ configFile, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port, strictPort: true } });

    context = await chromium.launchPersistentContext(join(scratch, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: DESKTOP, acceptDownloads: true });
    // The wallet starts on Ethereum mainnet (chain 1), which this build does not configure.
    wallet = new TestWallet({ rpc: chain.rpc, account: world.contributor, chainId: 1 });
    await wallet.install(context);
    page = await context.newPage();
    wallet.attach(page);
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    page.on("request", (r) => {
      if (r.url().startsWith(indexer.url)) indexerRequests.push(r.url());
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    console.log(`screenshots: ${shots}`);
  });

  // A journey that expects no error logs none: not even an expected "no" from the oracle (a
  // signed-out page, a contributor without a reader key). Only the RPC-down journey expects them.
  // The browser logs each refusal of the public endpoint (429, 503) that the dApp then retried.
  afterEach((t) => {
    const logged = consoleErrors.splice(0).filter((e) => !(e.includes(publicRpc.url) && /status of (429|503)/.test(e)));
    if (!/RPC is down|indexer stops/.test(t.name)) assert.deepEqual(logged, [], `console errors during "${t.name}"`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await server?.close().catch(() => {});
    gateway?.server.close();
    oracle?.stop();
    await indexer?.stop();
    if (publicRpc) console.log(`public RPC endpoint: ${JSON.stringify(publicRpc.tally)}`);
    await publicRpc?.close();
    chain?.stop();
    // Keep the screenshots; drop the browser profile, the build, the oracle's data, downloads and the audit reports.
    for (const dir of ["profile", "dist", "oracle", "indexer", "downloads", "audit"]) rmSync(join(scratch, dir), { recursive: true, force: true });
  });

  it("greets a first visit with what 1TT does for each role, at both widths", async () => {
    await page.goto(url);
    await page.getByRole("heading", { name: "Get paid for the text you contribute, and check every number" }).waitFor();
    await page.getByRole("link", { name: "Contribute data" }).waitFor();
    await screenshot("start");
  });

  it("connects through RainbowKit's modal, offers the switch when the wallet is on another network, and survives a refused switch", async () => {
    await page.goto(`${url}#/contributor`);
    // The wallet is on mainnet and its user declines the switch RainbowKit asks for while connecting:
    // the page says which network is needed and how to get there, instead of waiting on "Opening…".
    wallet.declineNextSwitch();
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    await page.getByRole("button", { name: /Browser Wallet/ }).click();
    const refused = page.getByTestId("connect-refused-network");
    await refused.waitFor({ timeout: 15_000 });
    assert.match((await refused.textContent()) ?? "", /on another network \(chain 1\) and the switch to Hardhat was declined\..*chain id 31337, RPC http/);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    assert.equal(await page.getByRole("button", { name: "Connect Wallet" }).first().isVisible(), true);
    await screenshot("connect-refused-network");
    await refused.getByRole("button", { name: "Connect again" }).click();
    await page.getByRole("button", { name: /Browser Wallet/ }).click();
    // RainbowKit asks the wallet for the program's chain while connecting: the wallet agreed.
    await page.getByTestId("claimable").waitFor();
    assert.equal(wallet.chainId, 31337);
    await refused.waitFor({ state: "detached" });
    // Then the user picks another network in the wallet.
    await wallet.switchChain(1);
    const banner = page.getByTestId("wrong-network");
    await banner.waitFor({ timeout: 15_000 });
    await screenshot("wrong-network");
    // The user refuses the switch in the wallet: the page says so and keeps offering it.
    wallet.declineNextSwitch();
    await banner.getByRole("button", { name: /Switch to Hardhat/ }).click();
    await banner.getByRole("alert").filter({ hasText: "You declined the request in your wallet." }).waitFor();
    assert.equal(wallet.chainId, 1);
    await banner.getByRole("button", { name: /Switch to Hardhat/ }).click();
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    assert.equal(wallet.chainId, 31337);
  });

  it("signs a contributor in, creates their reader key, uploads two files, shows live progress and the report, and submits the attestation from their wallet", async () => {
    const a = world.contributor;
    await page.goto(`${url}#/submit`);
    await page.getByRole("button", { name: "Sign in to the oracle" }).click();
    await page.getByTestId("signed-in").waitFor();
    // The reader key: derived in the page from the wallet's signature, registered with the oracle.
    assert.equal(await page.getByRole("button", { name: "Create your reader key first" }).isDisabled(), true, "no upload before the reader key");
    await page.getByRole("button", { name: "Create your reader key", exact: true }).click();
    await page.locator('[data-testid="reader-key"][data-state="registered"]').waitFor();
    const expectedKey = encodePublicKey((await walletReaderKey(world, a)).publicKey);
    const registered = (await (await fetch(`${oracle.url}/contributors/${a}/submissions`)).json()) as { submissions: unknown[] };
    assert.equal(registered.submissions.length, 0);
    await page.locator('input[type="file"]').setInputFiles(datasetFiles(7));
    await page.getByRole("button", { name: "Upload 2 files" }).click();
    await page.getByTestId("job").waitFor();
    await page.locator('[data-testid="job"][data-state="accepted"]').waitFor({ timeout: 60_000 });
    const report = page.getByTestId("report").first();
    await report.waitFor();
    const [docsIn, docsOut] = (await report.getByTestId("report-documents").getAttribute("data-value"))!.split("/").map(Number);
    assert.ok(docsIn > docsOut && docsOut > 0, `documents in ${docsIn}, kept ${docsOut}: the filters and dedup removed some, kept some`);
    // The same numbers from the oracle's API; the data key is wrapped for the key the page registered.
    const subs = (await (await fetch(`${oracle.url}/contributors/${a}/submissions`)).json()) as { submissions: { documents: number; tokens: number; manifestCid: string }[] };
    assert.equal(subs.submissions[0].documents, docsOut);
    const manifest = validateManifest(await (await fetch(`${oracle.url}/manifests/${subs.submissions[0].manifestCid}`)).json());
    const envelope = (await (await fetch(`${oracle.url}/ipfs/${manifest.data.encryption!.keys}`)).json()) as { readers: { role: string; publicKey: string }[] };
    assert.deepEqual(envelope.readers.find((r) => r.role === "contributor")?.publicKey, expectedKey);
    // The oracle's copy of the report quotes no removed document; the contributor's reader key opens the sealed one, which does.
    const quotes = report.locator(".removals blockquote");
    assert.equal(await quotes.count(), 0);
    await page.getByTestId("report-quotes").first().getByRole("button", { name: "Show the quoted examples" }).click();
    await quotes.first().waitFor({ state: "attached" });
    assert.ok((await quotes.first().textContent())!.length > 0);

    // The oracle signed but did not post: the contributor submits the attestation from the wallet.
    const attestation = page.getByTestId("attestation").first();
    await page.locator('[data-testid="attestation"][data-state="pending"]').first().waitFor();
    assert.equal(await read<bigint>(world.splitter, revenueSplitterAbi, "tokensOf", [a]), 0n);
    await screenshot("contribute-attestation");
    await attestation.getByRole("button", { name: "Submit the attestation from my wallet" }).click();
    await page.locator('[data-testid="attestation"][data-state="onchain"]').first().waitFor({ timeout: 20_000 });
    assert.equal(await read<bigint>(world.splitter, revenueSplitterAbi, "tokensOf", [a]), BigInt(subs.submissions[0].tokens));
    await page.getByTestId("jobs").getByRole("cell", { name: "accepted", exact: true }).waitFor();
    await screenshot("contribute");
  });

  it("lets a consumer deposit with one permit signature, after a declined one, and the totals follow", async () => {
    await wallet.switchAccount(world.consumer);
    await page.goto(`${url}#/consumer`);
    await page.reload(); // a fresh page with the consumer's account, as after a wallet switch
    const gross = 2_000n * UNIT;
    const grossBefore = await read<bigint>(world.splitter, revenueSplitterAbi, "totalGrossRevenue");
    const depositedBefore = await read<bigint>(world.splitter, revenueSplitterAbi, "totalDeposited");
    await expectValue("total-gross", String(grossBefore));
    await page.getByLabel(/Gross revenue R/).fill("2000");
    const pulled = await read<bigint>(world.splitter, revenueSplitterAbi, "amountForRevenue", [gross]);
    assert.equal(pulled, amountForRevenue(gross, ALPHA_BPS));
    await expectValue("split", String(pulled));
    await page.getByText("200 tUSD").first().waitFor(); // the α split, shown before signing

    const permit = page.getByRole("button", { name: /Deposit with permit/ });
    wallet.declineNextRequest();
    await permit.click();
    await page.getByRole("alert").filter({ hasText: "You declined the request in your wallet." }).waitFor();
    assert.equal(await read<bigint>(world.splitter, revenueSplitterAbi, "totalGrossRevenue"), grossBefore);

    await permit.click();
    await expectValue("total-gross", String(grossBefore + gross));
    await expectValue("total-deposited", String(depositedBefore + pulled));
    assert.equal(await read<bigint>(world.splitter, revenueSplitterAbi, "totalGrossRevenue"), grossBefore + gross);
    assert.equal(await read<bigint>(world.usd, testUsdAbi, "allowance", [world.consumer, world.splitter]), 0n); // the permit was spent in the same transaction
    await page.getByLabel(/Gross revenue R/).fill("");
    await screenshot("consumer");
  });

  it("lists the accepted data in the consumer's catalogue, downloads and decrypts it, and refuses a tampered copy", async () => {
    await page.goto(`${url}#/catalogue`);
    await page.getByTestId("oracle-stats").getByText("Accepted submissions").waitFor();
    const rows = page.getByRole("region", { name: `Submissions of ${world.contributor}` }).locator("tbody tr");
    await rows.first().waitFor();
    const subs = (await (await fetch(`${oracle.url}/contributors/${world.contributor}/submissions`)).json()) as { submissions: { manifestCid: string }[] };
    const manifestCid = subs.submissions[0].manifestCid;
    const manifest = validateManifest(await (await fetch(`${oracle.url}/manifests/${manifestCid}`)).json());
    // The manifest's JSON opens beside the app, never in its place.
    const manifestLink = page.locator(`a[href$="/manifests/${manifestCid}"]`).first();
    assert.equal(await manifestLink.getAttribute("target"), "_blank");
    assert.match((await manifestLink.textContent()) ?? "", /manifest \(JSON, opens in a new tab\)$/);

    // The consumer's wallet derives the reader key the oracle was configured with; the page decrypts.
    mkdirSync(join(scratch, "downloads"), { recursive: true });
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId(`download-${manifestCid}`).click()]);
    const saved = join(scratch, "downloads", download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.equal(createHash("sha256").update(bytes).digest("hex"), manifest.data.filtered.plaintextSha256, "the file is exactly the filtered data the manifest commits to");
    assert.equal(bytes.byteLength, manifest.data.filtered.plaintextBytes);
    assert.equal(bytes.toString("utf8").trim().split("\n").length, manifest.summary.documents.out);
    assert.ok(gateway.served.includes(String(manifest.data.filtered.cid)), "the ciphertext came through the IPFS gateway");
    await screenshot("catalogue");

    // A gateway that alters one byte of the ciphertext: the page says so and saves nothing.
    gateway.tampered.add(String(manifest.data.filtered.cid));
    let saves = 0;
    const count = () => saves++;
    page.on("download", count);
    try {
      await page.getByTestId(`download-${manifestCid}`).click();
      await page.getByRole("alert").filter({ hasText: /tampered|altered|changed/i }).first().waitFor({ timeout: 30_000 });
      assert.equal(saves, 0);
    } finally {
      page.off("download", count);
      gateway.tampered.clear();
    }
  });

  it("shows the contributor the four figures of the paper equal to the contract's views, with no layout shift on load", async () => {
    await wallet.switchAccount(world.contributor);
    await page.goto(`${url}#/contributor`);
    await page.reload(); // a cold load with the wallet already connected
    const a = world.contributor;
    const [tokens, total] = await read<[bigint, bigint]>(world.splitter, revenueSplitterAbi, "shareOf", [a]);
    assert.ok(tokens > 0n && tokens < total);
    await expectValue("ratio", `${tokens}/${total}`);
    await expectValue("tokens", String(await read<bigint>(world.splitter, revenueSplitterAbi, "tokensOf", [a])));
    await expectValue("revenue", String(await read<bigint>(world.splitter, revenueSplitterAbi, "totalGrossRevenue")));
    await expectValue("deposited", String(await read<bigint>(world.splitter, revenueSplitterAbi, "totalDeposited")));
    const claimable = await read<bigint>(world.splitter, revenueSplitterAbi, "claimable", [a]);
    // The contributor arrived after the first deposit: they earn their share of the second only.
    const second = amountForRevenue(2_000n * UNIT, ALPHA_BPS);
    assert.ok(claimable > 0n && claimable <= (second * tokens) / total, `claimable ${claimable}`);
    await expectValue("claimable", String(claimable));
    await expectValue("claimed", String(await read<bigint>(world.splitter, revenueSplitterAbi, "claimed", [a])));
    const future = fraction(ALPHA_BPS * tokens, 10_000n * total);
    await expectValue("future-share", `${future.num}/${future.den}`);
    await page.getByRole("region", { name: "Shares of future revenue across contributors" }).or(page.locator("figure.chart").last()).first().waitFor();
    await page.waitForTimeout(300);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (e.hadRecentInput) continue;
              sum += e.value;
            }
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(sum), 100);
        }),
    );
    console.log(`cumulative layout shift on load: ${shift.toFixed(4)}`);
    assert.ok(shift < 0.05, `cumulative layout shift ${shift} (0.1 is the limit of "good"; this page measured 0.0125)`);
    await screenshot("contributor");
  });

  it("claims with one click: claimable goes to 0 and the balance rises by exactly that amount", async () => {
    const a = world.contributor;
    const before = await read<bigint>(world.usd, testUsdAbi, "balanceOf", [a]);
    const claimable = await read<bigint>(world.splitter, revenueSplitterAbi, "claimable", [a]);
    await expectValue("balance", String(before));
    await page.getByRole("button", { name: /^Claim / }).click();
    await expectValue("claimable", "0");
    await expectValue("balance", String(before + claimable));
    assert.equal(await read<bigint>(world.usd, testUsdAbi, "balanceOf", [a]), before + claimable);
    await page.getByText("Claimed: the amount is in your wallet.").waitFor();
    const [claim] = await world.publicClient.getContractEvents({ address: world.splitter, abi: revenueSplitterAbi, eventName: "Claimed", fromBlock: 0n });
    await page.locator(`[data-testid="claims"] [data-hash="${claim.transactionHash}"]`).waitFor();
    // The claim's row, the earnings and deposits come from the indexer, which read the chain itself.
    await page.locator('[data-history-source="indexer"]').waitFor();
    assert.ok(indexerRequests.some((r) => r.startsWith(`${indexer.url}/programs/${world.splitter.toLowerCase()}/events`)), "the page did not read its history from the indexer");
    const indexed = await fetch(`${indexer.url}/programs/${world.splitter.toLowerCase()}/events`).then((r) => r.json() as Promise<{ events: { transactionHash: string }[] }>);
    assert.ok(indexed.events.some((e) => e.transactionHash === claim.transactionHash), "the indexer holds the claim the page shows");
    await screenshot("contributor-claimed");
  });

  it("audits the program in the browser: no check fails but the counts are not verified without a view key, and the CLI gives the same verdicts", async () => {
    await page.goto(`${url}#/audit`);
    await page.getByRole("radio", { name: "an IPFS gateway" }).check(); // VITE_IPFS_GATEWAY made it the default
    assert.equal(await page.getByLabel("Gateway URL").inputValue(), gateway.url);
    await page.getByRole("button", { name: "Run the audit" }).click();
    await page.getByTestId("audit-progress").waitFor();
    const verdict = page.getByTestId("audit-verdict");
    await verdict.waitFor({ timeout: 60_000 });
    await page.getByTestId("audit-announcement").filter({ hasText: "Audit finished: No check failed, but counts not verified: no view key" }).waitFor();
    assert.equal(await verdict.getAttribute("data-ok"), "true");
    assert.equal(await verdict.getAttribute("data-verdict"), "unverified");
    const statuses = async () =>
      Object.fromEntries(await page.locator("[data-testid^='check-']").evaluateAll((els) => els.map((e) => [e.getAttribute("data-testid")!.slice(6), e.getAttribute("data-status")])));
    const shown = await statuses();
    assert.deepEqual(shown, { state: "pass", attestations: "pass", payouts: "pass", solvency: "pass", manifests: "pass", data: "pass", readers: "pass", replay: "skipped" });
    await page.getByTestId("check-replay").getByText("Not run", { exact: true }).waitFor();
    await page.getByTestId("check-replay").getByText(/npx 1tt audit .* --view-key/).waitFor();
    // The figures behind the verdict: the history the earlier journeys built, and both manifests read through the gateway.
    const figure = (check: string, key: string) => page.getByTestId(`check-${check}`).locator(`[data-figure="${key}"]`).getAttribute("data-value");
    assert.equal(await figure("state", "attestations"), "2");
    assert.equal(await figure("state", "deposits"), "2");
    assert.equal(await figure("state", "claims"), "1");
    assert.equal(await figure("manifests", "chainLength"), "2");
    // Both envelopes of both submissions list the consumer key the owner published (filtered) or leave it out (raw).
    assert.equal(await figure("readers", "envelopesChecked"), "4");
    // Every figure is named in words, never by its key in the report.
    const unnamed = await page.locator(".check-figures > div").evaluateAll((rows) =>
      rows.filter((r) => r.querySelector("dt")?.textContent === r.querySelector("dd")?.getAttribute("data-figure")).map((r) => r.querySelector("dd")?.getAttribute("data-figure")),
    );
    assert.deepEqual(unnamed, []);
    const manifests = [seeded.result!.manifestCid!, ...((await (await fetch(`${oracle.url}/contributors/${world.contributor}/submissions`)).json()) as { submissions: { manifestCid: string }[] }).submissions.map((x) => x.manifestCid)];
    for (const cid of manifests) assert.ok(gateway.served.includes(cid), `manifest ${cid} was read through the gateway`);

    // The JSON and CSV downloads.
    mkdirSync(join(scratch, "audit"), { recursive: true });
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-json").click()]);
    const pagePath = join(scratch, "audit", json.suggestedFilename());
    await json.saveAs(pagePath);
    const fromPage = JSON.parse(readFileSync(pagePath, "utf8"));
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
    const csvPath = join(scratch, "audit", csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const csvLines = readFileSync(csvPath, "utf8").trimEnd().split("\r\n");
    assert.equal(csvLines.length, 1 + 1 + 8, "a header, the audit row, one row per check and no findings");

    // The CLI on the same chain, reading the same manifests through the same gateway: its output and report, expecting exit code `expected` (0 would be a pass without a replay).
    const auditCli = async (name: string, expected: number) => {
      const cliPath = join(scratch, "audit", name);
      const run = await promisify(execFile)(
        process.execPath,
        ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/cli/1tt.ts"), "audit", "--rpc", chain.rpc, "--splitter", world.splitter, "--gateway", gateway.url, "--reader-registry", world.registry, "--json", cliPath, "--no-progress"],
        { cwd: ROOT },
      ).then(
        () => assert.fail("1tt audit exited 0 without a replay"),
        (e: { code?: number; stdout: string; stderr?: string }) => (e.code === expected ? e : assert.fail(`1tt audit exited ${e.code}, not ${expected}: ${e.stdout}${e.stderr}`)),
      );
      return { stdout: run.stdout, report: JSON.parse(readFileSync(cliPath, "utf8")) as AuditReport & Record<string, unknown> };
    };
    const cli = await auditCli("cli.json", 3);
    assert.match(cli.stdout, /RESULT: No check failed, but counts not verified: no view key/);
    const fromCli = cli.report;
    const verdicts = (r: { ok: boolean; verdict: string; checks: { id: string; status: string }[] }) => ({ ok: r.ok, verdict: r.verdict, ...Object.fromEntries(r.checks.map((c) => [c.id, c.status])) });
    assert.deepEqual(verdicts(fromPage), verdicts(fromCli));
    assert.deepEqual(verdicts(fromPage), { ok: true, verdict: "unverified", ...shown });
    // Same structure, and the same blocks, figures and findings (only timings and RPC counts may differ).
    const shape = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, k === "byMethod" || k === "timings" ? "…" : shape((v as Record<string, unknown>)[k])])) : Array.isArray(v) ? v.map(shape) : typeof v;
    assert.deepEqual(shape(fromPage), shape(fromCli));
    const comparable = ({ timings: _t, rpc: _r, ...rest }: Record<string, unknown>) => rest;
    assert.deepEqual(comparable(fromPage), comparable(fromCli));
    await screenshot("audit");

    // A gateway that alters one manifest: the manifest check fails and names it.
    gateway.tampered.add(manifests[1]);
    try {
      await page.getByRole("button", { name: "Run the audit again" }).click();
      await page.getByTestId("audit-announcement").filter({ hasText: "it FAILED, 1 check failed" }).waitFor({ timeout: 60_000 });
      assert.equal(await verdict.getAttribute("data-ok"), "false");
      assert.deepEqual(await statuses(), { ...shown, manifests: "fail" });
      await page.getByTestId("check-manifests").locator("li[data-code]").filter({ hasText: manifests[1] }).first().waitFor();
      await screenshot("audit-failed");
    } finally {
      gateway.tampered.clear();
    }

    // A gateway that flips one byte of the filtered data consumers pay for, with status 200: the
    // data check fails, on the page and in the CLI alike, naming the submission.
    const named = (await (await fetch(`${oracle.url}/ipfs/${manifests[1]}`)).json()) as { data: { filtered: { cid: string } } };
    gateway.tampered.add(named.data.filtered.cid);
    try {
      await page.getByRole("button", { name: "Run the audit again" }).click();
      await page.getByTestId("audit-announcement").filter({ hasText: "it FAILED, 1 check failed" }).waitFor({ timeout: 60_000 });
      assert.equal(await verdict.getAttribute("data-verdict"), "failed");
      assert.deepEqual(await statuses(), { ...shown, data: "fail" });
      await page.getByTestId("check-data").locator("li[data-code='data.corrupt']").filter({ hasText: manifests[1] }).waitFor();
      const onPage = await page.getByTestId("check-data").locator("li[data-code]").evaluateAll((els) => els.map((e) => e.getAttribute("data-code")));
      const corrupt = await auditCli("cli-corrupt.json", 1);
      assert.match(corrupt.stdout, /RESULT: The audit FAILED\./);
      const inCli = corrupt.report.checks.find((c) => c.id === "data")!.findings;
      assert.deepEqual(inCli.map((f) => [f.code, f.subject]), [["data.corrupt", manifests[1]]]);
      assert.deepEqual(onPage, inCli.map((f) => f.code));
    } finally {
      gateway.tampered.clear();
    }

    // The oracle wrote every manifest of this program, so read from it they all pass too.
    await page.getByRole("radio", { name: /the oracle/ }).check();
    await page.getByRole("button", { name: "Run the audit again" }).click();
    await page.getByTestId("audit-announcement").filter({ hasText: "Audit finished: No check failed, but counts not verified" }).waitFor({ timeout: 60_000 });
    assert.deepEqual(await statuses(), shown);
  });

  it("read the chain within a public endpoint's limits: no eth_getLogs over 2,000 blocks, none refused", () => {
    assert.ok(publicRpc.tally.forwarded > 0);
    assert.ok(publicRpc.tally.widestLogRange <= 2_000, `widest eth_getLogs: ${publicRpc.tally.widestLogRange} blocks`);
    assert.equal(publicRpc.tally.rangeRefused, 0, "every page asked for fitted the limit");
  });

  it("falls back to the chain's logs, and says so, when the indexer stops", async () => {
    await indexer.stop();
    await page.goto(`${url}#/contributor`);
    await page.reload();
    await page.getByRole("status").filter({ hasText: `not from the indexer at ${indexer.url}: it does not answer` }).waitFor({ timeout: 20_000 });
    const [claim] = await world.publicClient.getContractEvents({ address: world.splitter, abi: revenueSplitterAbi, eventName: "Claimed", fromBlock: 0n });
    await page.locator(`[data-testid="claims"] [data-hash="${claim.transactionHash}"]`).waitFor();
    await screenshot("indexer-down");
  });

  it("says the RPC is down, with what to do, when the node stops", async () => {
    chain.stop();
    await page.getByRole("alert").filter({ hasText: "does not answer" }).first().waitFor({ timeout: 20_000 });
    await screenshot("rpc-down");
  });
});

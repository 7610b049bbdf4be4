// End-to-end: the production build of the dApp in Debian's Chromium (playwright-core), against a
// local Hardhat node, with an injected test wallet. Run from the repository root after
// `npx hardhat build`:  node --test --test-reporter=spec frontend/e2e/dapp.e2e.ts
// Screenshots go to $E2E_SCREENSHOTS or a fresh temp dir (printed).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { PreviewServer } from "vite";
import { revenueSplitterAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";
import { amountForRevenue, fraction } from "../../oracle/protocol/payout.ts";
import { ALPHA_BPS, deployWorld, freePort, ROOT, startChain, UNIT, type Chain, type World } from "./chain.ts";
import { datasetFiles, startOracle, type Oracle } from "./oracle.ts";
import { TestWallet } from "./wallet.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Flags verified on these machines (shared/TOOLCHAIN.md): no sandbox in containers, no GPU, and
// no background traffic to the closed network.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let chain: Chain;
let oracle: Oracle;
let world: World;
let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let wallet: TestWallet;
let url: string;
let gateway: { url: string; server: Server; served: string[] };
const scratch = mkdtempSync(join(tmpdir(), "1tt-e2e-"));
const shots = process.env.E2E_SCREENSHOTS ?? join(scratch, "screenshots");
const manifestStore = join(scratch, "manifests");

/**
 * A stand-in for a public IPFS gateway (GET /ipfs/<cid>, with CORS, as ipfs.io answers): serves the
 * world's manifests. The auditor page reads them here and checks every byte against its CID.
 */
async function startGateway(files: Map<string, Uint8Array>): Promise<{ url: string; server: Server; served: string[] }> {
  const served: string[] = [];
  const server = createServer((req, res) => {
    const cid = /^\/ipfs\/([a-z0-9]+)$/.exec(req.url ?? "")?.[1];
    const body = cid ? files.get(cid) : undefined;
    res.setHeader("access-control-allow-origin", "*");
    if (req.method !== "GET" || !body) return void res.writeHead(404).end("not found");
    served.push(cid!);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.byteLength }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server, served };
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

async function screenshot(name: string): Promise<void> {
  for (const [label, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

describe("1TT dApp in a real browser", { timeout: 120_000 }, () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (Debian), or set CHROMIUM_PATH.`);
    }
    mkdirSync(shots, { recursive: true });
    chain = await startChain();
    world = await deployWorld(chain.rpc, manifestStore);
    gateway = await startGateway(world.manifests);

    // A real oracle; the dApp reaches it on its own origin under /oracle (vite preview proxies).
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    oracle = await startOracle({ publicOrigin: `http://127.0.0.1:${port}`, dataDir: join(scratch, "oracle"), consumers: [world.consumer] });

    // Build the app for this chain and serve it with vite preview on the chosen port.
    Object.assign(process.env, {
      ORACLE_PROXY_TARGET: oracle.url,
      VITE_RPC_URL: chain.rpc,
      VITE_CHAIN_ID: "31337",
      VITE_SPLITTER_ADDRESS: world.splitter,
      VITE_FACTORY_ADDRESS: world.factory,
      VITE_IPFS_GATEWAY: gateway.url,
    });
    const { build, preview } = await import("vite");
    const configFile = join(ROOT, "frontend/vite.config.ts");
    const outDir = join(scratch, "dist");
    await build({ configFile, logLevel: "warn", build: { outDir } });
    server = await preview({ configFile, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port, strictPort: true } });

    context = await chromium.launchPersistentContext(join(scratch, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: DESKTOP });
    // The wallet starts on Ethereum mainnet (chain 1), which this build does not configure.
    wallet = new TestWallet({ rpc: chain.rpc, account: world.contributor, chainId: 1 });
    await wallet.install(context);
    page = await context.newPage();
    wallet.attach(page);
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    console.log(`screenshots: ${shots}`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await server?.close().catch(() => {});
    gateway?.server.close();
    oracle?.stop();
    chain?.stop();
    // Keep the screenshots; drop the browser profile, the build, the oracle's data, the manifests and the audit reports.
    for (const dir of ["profile", "dist", "oracle", "manifests", "audit"]) rmSync(join(scratch, dir), { recursive: true, force: true });
  });

  it("connects through RainbowKit's modal and offers the switch when the wallet is on another network", async () => {
    await page.goto(`${url}#/contributor`);
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    await page.getByRole("button", { name: /Browser Wallet/ }).click();
    // RainbowKit asks the wallet for the program's chain while connecting: the wallet agreed.
    await page.getByTestId("claimable").waitFor();
    assert.equal(wallet.chainId, 31337);
    // Then the user picks another network in the wallet.
    await wallet.switchChain(1);
    const banner = page.getByTestId("wrong-network");
    await banner.waitFor({ timeout: 15_000 });
    await screenshot("wrong-network");
    await banner.getByRole("button", { name: /Switch to Hardhat/ }).click();
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    assert.equal(wallet.chainId, 31337);
  });

  it("shows the four figures of the paper equal to the contract's views, with no layout shift on load", async () => {
    await page.reload(); // a cold load with the wallet already connected
    const a = world.contributor;
    const [tokens, total] = await read<[bigint, bigint]>(world.splitter, revenueSplitterAbi, "shareOf", [a]);
    assert.equal(tokens, 3_000n);
    await expectValue("ratio", `${tokens}/${total}`);
    await expectValue("tokens", String(await read<bigint>(world.splitter, revenueSplitterAbi, "tokensOf", [a])));
    await expectValue("revenue", String(await read<bigint>(world.splitter, revenueSplitterAbi, "totalGrossRevenue")));
    await expectValue("deposited", String(await read<bigint>(world.splitter, revenueSplitterAbi, "totalDeposited")));
    const claimable = await read<bigint>(world.splitter, revenueSplitterAbi, "claimable", [a]);
    assert.equal(claimable, 750n * UNIT); // 3/4 of 10% of 10,000 tUSD
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
    await screenshot("contributor-claimed");
  });

  it("signs a contributor in to the oracle, uploads two files, shows live progress and the report", async () => {
    await page.goto(`${url}#/submit`);
    await page.getByRole("button", { name: "Sign in to the oracle" }).click();
    await page.getByTestId("signed-in").waitFor();
    await page.locator('input[type="file"]').setInputFiles(datasetFiles(7));
    await page.getByRole("button", { name: "Upload 2 files" }).click();
    const job = page.getByTestId("job");
    await job.waitFor();
    await page.locator('[data-testid="job"][data-state="accepted"]').waitFor({ timeout: 60_000 });
    const report = page.getByTestId("report").first();
    await report.waitFor();
    const [docsIn, docsOut] = (await report.getByTestId("report-documents").getAttribute("data-value"))!.split("/").map(Number);
    assert.ok(docsIn > docsOut && docsOut > 0, `documents in ${docsIn}, kept ${docsOut}: the filters and dedup removed some, kept some`);
    // The same numbers from the oracle's API, as the contributor's history shows them.
    const subs = (await (await fetch(`${oracle.url}/contributors/${world.contributor}/submissions`)).json()) as { submissions: { documents: number }[] };
    assert.equal(subs.submissions[0].documents, docsOut);
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

  it("lists the accepted data in the consumer's catalogue", async () => {
    await page.goto(`${url}#/catalogue`);
    await page.getByTestId("oracle-stats").getByText("Accepted submissions").waitFor();
    await page.getByRole("region", { name: `Submissions of ${world.contributor}` }).locator("tbody tr").first().waitFor();
    await screenshot("catalogue");
  });

  it("audits the program in the browser: every check passes (replay not run), and the CLI gives the same verdicts", async () => {
    await page.goto(`${url}#/audit`);
    await page.getByRole("radio", { name: "an IPFS gateway" }).check(); // VITE_IPFS_GATEWAY made it the default
    assert.equal(await page.getByLabel("Gateway URL").inputValue(), gateway.url);
    await page.getByRole("button", { name: "Run the audit" }).click();
    await page.getByTestId("audit-progress").waitFor();
    const verdict = page.getByTestId("audit-verdict");
    await verdict.waitFor({ timeout: 60_000 });
    await page.getByTestId("audit-announcement").filter({ hasText: "Audit finished: every check passed." }).waitFor();
    assert.equal(await verdict.getAttribute("data-ok"), "true");
    const statuses = async () =>
      Object.fromEntries(await page.locator("[data-testid^='check-']").evaluateAll((els) => els.map((e) => [e.getAttribute("data-testid")!.slice(6), e.getAttribute("data-status")])));
    const shown = await statuses();
    assert.deepEqual(shown, { state: "pass", attestations: "pass", payouts: "pass", solvency: "pass", manifests: "pass", replay: "skipped" });
    await page.getByTestId("check-replay").getByText("Not run", { exact: true }).waitFor();
    await page.getByTestId("check-replay").getByText(/npx 1tt audit .* --replay --view-key/).waitFor();
    // The figures behind the verdict: the history the earlier journeys built, and both manifests read through the gateway.
    const figure = (check: string, key: string) => page.getByTestId(`check-${check}`).locator(`[data-figure="${key}"]`).getAttribute("data-value");
    assert.equal(await figure("state", "attestations"), "2");
    assert.equal(await figure("state", "deposits"), "2");
    assert.equal(await figure("state", "claims"), "1");
    assert.equal(await figure("manifests", "chainLength"), "2");
    assert.deepEqual(new Set(gateway.served), new Set(world.manifests.keys()));

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
    assert.equal(csvLines.length, 1 + 1 + 6, "a header, the audit row, one row per check and no findings");

    // The CLI on the same chain, reading the same manifests from the content store folder.
    const cliPath = join(scratch, "audit", "cli.json");
    const cli = await promisify(execFile)(
      process.execPath,
      ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/cli/1tt.ts"), "audit", "--rpc", chain.rpc, "--splitter", world.splitter, "--store", manifestStore, "--json", cliPath, "--no-progress"],
      { cwd: ROOT },
    ).catch((e: { code?: number; stdout?: string; stderr?: string }) => assert.fail(`1tt audit exited ${e.code}: ${e.stdout}${e.stderr}`));
    assert.match(cli.stdout, /RESULT: every check passed\./);
    const fromCli = JSON.parse(readFileSync(cliPath, "utf8"));
    const verdicts = (r: { ok: boolean; checks: { id: string; status: string }[] }) => ({ ok: r.ok, ...Object.fromEntries(r.checks.map((c) => [c.id, c.status])) });
    assert.deepEqual(verdicts(fromPage), verdicts(fromCli));
    assert.deepEqual(verdicts(fromPage), { ok: true, ...shown });
    // Same structure, and the same blocks, figures and findings (only timings and RPC counts may differ).
    const shape = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, k === "byMethod" || k === "timings" ? "…" : shape((v as Record<string, unknown>)[k])])) : Array.isArray(v) ? v.map(shape) : typeof v;
    assert.deepEqual(shape(fromPage), shape(fromCli));
    const comparable = ({ timings: _t, rpc: _r, ...rest }: Record<string, unknown>) => rest;
    assert.deepEqual(comparable(fromPage), comparable(fromCli));
    await screenshot("audit");

    // The oracle serves only the manifests it wrote, and this world's were not: read from it, the
    // manifest check fails and names each manifest it could not read.
    await page.getByRole("radio", { name: /the oracle/ }).check();
    await page.getByRole("button", { name: "Run the audit again" }).click();
    await page.getByTestId("audit-announcement").filter({ hasText: "it FAILED, 1 check failed" }).waitFor({ timeout: 60_000 });
    assert.equal(await verdict.getAttribute("data-ok"), "false");
    assert.deepEqual(await statuses(), { ...shown, manifests: "fail" });
    const findings = page.getByTestId("check-manifests").locator('li[data-code="manifests.unreadable"]');
    assert.equal(await findings.count(), 2);
    for (const cid of world.manifests.keys()) await findings.filter({ hasText: cid }).first().waitFor();
    await screenshot("audit-failed");
  });

  it("says the RPC is down, with what to do, when the node stops", async () => {
    chain.stop();
    await page.getByRole("alert").filter({ hasText: "does not answer" }).first().waitFor({ timeout: 20_000 });
    await screenshot("rpc-down");
  });
});

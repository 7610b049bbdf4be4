// End-to-end: the production build of the dApp in Debian's Chromium (playwright-core), against a
// local Hardhat node, with an injected test wallet. Run from the repository root after
// `npx hardhat build`:  node --test --test-reporter=spec frontend/e2e/dapp.e2e.ts
// Screenshots go to $E2E_SCREENSHOTS or a fresh temp dir (printed).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
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
const scratch = mkdtempSync(join(tmpdir(), "1tt-e2e-"));
const shots = process.env.E2E_SCREENSHOTS ?? join(scratch, "screenshots");

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
    world = await deployWorld(chain.rpc);

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
    oracle?.stop();
    chain?.stop();
    // Keep the screenshots; drop the browser profile, the build and the oracle's data.
    for (const dir of ["profile", "dist", "oracle"]) rmSync(join(scratch, dir), { recursive: true, force: true });
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

  it("says the RPC is down, with what to do, when the node stops", async () => {
    chain.stop();
    await page.getByRole("alert").filter({ hasText: "does not answer" }).first().waitFor({ timeout: 20_000 });
    await screenshot("rpc-down");
  });
});

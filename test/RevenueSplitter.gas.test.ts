// Gas ceilings of the targets (upper bounds only; skipped under --coverage, whose instrumented
// code costs more). The full table with 1, 100 and 10,000 contributors: npm run bench:gas.
import { expect } from "chai";
import hre, { network } from "hardhat";
import { attest, deployWorld, deposit } from "./helpers/splitter.ts";
import { gasBreakdown } from "../scripts/bench/gas-breakdown.ts";

const { ethers } = await network.create();

describe("RevenueSplitter gas ceilings", function () {
  before(function () {
    if (hre.globalOptions.coverage) this.skip();
  });

  const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => (await (await tx).wait())!.gasUsed;

  it("stays within its targets and claims within 1.5× of a plain ERC-20 transfer", async () => {
    const w = await deployWorld(ethers, { signers: 3, threshold: 1n });
    const [alice, bob, carol] = w.others;
    await attest(w, bob.address, 100n, 1n, 1); // the program's first attestation, not measured
    const firstAttest = await gasOf(attest(w, alice.address, 100n, 1n, 1));
    const laterAttest = await gasOf(attest(w, alice.address, 200n, 2n, 1));
    const laterAttest3 = await gasOf(attest(w, alice.address, 300n, 3n, 3));
    await deposit(w, 10n ** 9n);
    const laterDeposit = await gasOf(deposit(w, 10n ** 9n));
    const claimFirst = await gasOf(w.splitter.connect(alice).claim(alice.address));
    await deposit(w, 10n ** 9n);
    const claimLater = await gasOf(w.splitter.connect(alice).claim(alice.address));
    await w.usd.mint(bob.address, 10n ** 9n);
    const transferFresh = await gasOf(w.usd.connect(bob).transfer(carol.address, 1_000_000n));
    const transferExisting = await gasOf(w.usd.connect(bob).transfer(carol.address, 1_000_000n));

    expect(firstAttest).to.be.lessThan(130_000n);
    expect(laterAttest).to.be.lessThan(90_000n);
    expect((laterAttest3 - laterAttest) / 2n).to.be.lessThan(8_000n);
    expect(laterDeposit).to.be.lessThan(90_000n);
    expect(claimFirst * 2n).to.be.lessThan(transferFresh * 3n);
    expect(claimLater * 2n).to.be.lessThan(transferExisting * 3n);
  });

  it("claims by reading and writing two storage words, and pays the same transfer as a plain one", async () => {
    const w = await deployWorld(ethers, { signers: 1, threshold: 1n });
    const [alice, bob, carol] = w.others;
    await attest(w, alice.address, 100n, 1n, 1);
    await deposit(w, 10n ** 9n);
    const claim = await (await w.splitter.connect(alice).claim(alice.address)).wait();
    await w.usd.mint(bob.address, 10n ** 9n);
    const transfer = await (await w.usd.connect(bob).transfer(carol.address, 1_000_000n)).wait();

    const claimParts = await gasBreakdown(ethers.provider, claim!.hash);
    const transferParts = await gasBreakdown(ethers.provider, transfer!.hash);
    const COLD_READ = 2_100;
    const WRITE = 2_900;
    // The contributor's position and the pool: a third word would cost at least 2,100 more.
    expect(claimParts.storage).to.equal(2 * COLD_READ + 2 * WRITE);
    expect(claimParts.callAccess).to.equal(2_600); // the asset's account, cold, once
    const transferExecution = transferParts.storage + transferParts.events + transferParts.code;
    expect(claimParts.inner).to.equal(transferExecution);
  });
});

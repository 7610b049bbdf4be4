// Differential test: random sequences of attestations, deposits, surplus sent by plain transfer and
// shared by syncSurplus, claims, pauses and delayed committee changes across up to 50
// contributors, checked deposit by deposit against oracle/protocol/payout.ts — exactly against its
// integer model of the accumulator, and within the documented bound against the exact formula.
// Runs: FUZZ_RUNS (default 120, about 40 s), e.g. FUZZ_RUNS=500 npx hardhat test mocha test/RevenueSplitter.differential.test.ts
import { expect } from "chai";
import { network } from "hardhat";
import fc from "fast-check";
import { abs, fraction, lessThan, replayPayouts, sub } from "../oracle/protocol/payout.ts";
import type { PayoutEvent } from "../oracle/protocol/payout.ts";
import { attestation, committeeAccounts, deployWorld, sign } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const MAX_ESCROW = (1n << 88n) - 1n;

type Action =
  | { kind: "attest"; who: number; tokens: bigint }
  | { kind: "deposit"; gross: bigint }
  | { kind: "surplus"; amount: bigint }
  | { kind: "claim"; who: number; forOther: boolean }
  | { kind: "pause" }
  | { kind: "propose" }
  | { kind: "activate" };

const tokens = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt(0n, 1_000n) },
  { weight: 3, arbitrary: fc.bigInt(0n, 10n ** 9n) },
  { weight: 1, arbitrary: fc.bigInt(10n ** 12n, 10n ** 13n) },
);
const gross = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt(0n, 100_000n) },
  { weight: 3, arbitrary: fc.bigInt(0n, 10n ** 18n) },
  { weight: 1, arbitrary: fc.bigInt(10n ** 25n, 10n ** 26n) },
);
const action = (people: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("attest" as const), who: fc.nat(people - 1), tokens }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("deposit" as const), gross }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("claim" as const), who: fc.nat(people - 1), forOther: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("surplus" as const), amount: gross }) },
    { weight: 1, arbitrary: fc.constantFrom<Action>({ kind: "pause" }, { kind: "propose" }, { kind: "activate" }) },
  );
const scenario = fc
  .record({ people: fc.integer({ min: 1, max: 50 }), alpha: fc.bigInt(1n, 10_000n) })
  .chain(({ people, alpha }) => fc.record({ people: fc.constant(people), alpha: fc.constant(alpha), actions: fc.array(action(people), { minLength: 20, maxLength: 80, size: "max" }) }));

describe("RevenueSplitter against the payout formula (differential)", function () {
  this.timeout(0);
  // 50 contributors: more than the default accounts, so impersonated addresses with some ether.
  const signers = async () => {
    const out = [];
    for (let i = 0; i < 50; i++) {
      const address = ethers.getAddress(`0x${(0xc0de0000 + i).toString(16).padStart(40, "0")}`);
      await networkHelpers.impersonateAccount(address);
      await networkHelpers.setBalance(address, 10n ** 20n);
      out.push(await ethers.getSigner(address));
    }
    return out;
  };

  it(`pays every contributor the formula, deposit by deposit, within the dust bound (${RUNS} runs)`, async () => {
    const contributors = await signers();
    const seen = { attest: 0, deposit: 0, surplus: 0, claim: 0, pause: 0, rotation: 0, checks: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async ({ people, alpha, actions }) => {
        const w = await deployWorld(ethers, { alphaBps: alpha, signers: 1, threshold: 1n });
        const events: PayoutEvent[] = [];
        const nonces = new Map<number, bigint>();
        const paid = new Map<string, bigint>();
        let escrow = 0n;
        // Two committees of one key: the current one signs; the other may be proposed and, after
        // the delay, activated.
        const committees = [w.committee, committeeAccounts(1, 77)];
        let current = 0;
        let proposed = false;
        let paused = false;
        const checkAgainstModel = async () => {
          const model = replayPayouts(events, alpha);
          expect(await w.splitter.held()).to.equal(model.held);
          expect(await w.splitter.totalDeposited()).to.equal(model.totalDeposited);
          expect(await w.splitter.totalGrossRevenue()).to.equal(model.totalGross);
          let owedTotal = 0n;
          for (const [who, expected] of model.contributors) {
            const [claimed, claimable] = await Promise.all([w.splitter.claimed(who), w.splitter.claimable(who)]);
            const earned = claimed + claimable;
            owedTotal += claimable;
            seen.checks++;
            expect(earned, `earnings of ${who}`).to.equal(expected.contract);
            expect(lessThan(abs(sub(fraction(earned), expected.ideal)), expected.bound), `${who} outside the dust bound`).to.equal(true);
          }
          const dust = model.totalDeposited - (await w.splitter.totalClaimed()) - owedTotal - model.held;
          expect(dust >= 0n && dust <= BigInt(model.contributors.size) + 1n, `dust ${dust}`).to.equal(true);
        };
        for (const a of actions) {
          if (a.kind === "attest") {
            const who = contributors[a.who % people].address;
            const nonce = (nonces.get(a.who) ?? 0n) + 1n;
            const att = attestation(who, a.tokens, nonce);
            if (proposed && !paused) {
              // A proposed committee signs nothing until it is activated.
              const early = await sign(att, committees[1 - current], w.address, w.chainId);
              await expect(w.splitter.attest(att, early)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
            }
            const signatures = await sign(att, committees[current], w.address, w.chainId);
            if (paused) {
              await expect(w.splitter.attest(att, signatures)).to.be.revertedWithCustomError(w.splitter, "AttestationsArePaused");
              continue;
            }
            nonces.set(a.who, nonce);
            await w.splitter.attest(att, signatures);
            events.push({ kind: "attest", contributor: who, tokens: a.tokens });
            seen.attest++;
          } else if (a.kind === "claim") {
            const who = contributors[a.who % people];
            const owed = await w.splitter.claimable(who.address);
            if (owed === 0n) continue;
            if (a.forOther) await w.splitter.claimFor(who.address);
            else await w.splitter.connect(who).claim(who.address);
            paid.set(who.address, (paid.get(who.address) ?? 0n) + owed);
            escrow -= owed;
            seen.claim++;
            expect(await w.splitter.claimable(who.address)).to.equal(0n);
          } else if (a.kind === "pause") {
            await (paused ? w.splitter.unpause() : w.splitter.connect(w.guardian).pauseAttestations());
            paused = !paused;
            seen.pause++;
          } else if (a.kind === "propose") {
            await w.splitter.proposeCommittee(committees[1 - current].map((c) => c.address), 1n);
            proposed = true;
          } else if (a.kind === "activate") {
            if (!proposed) continue;
            await networkHelpers.time.increase(await w.splitter.committeeDelay());
            await w.splitter.activateCommittee();
            current = 1 - current;
            proposed = false;
            seen.rotation++;
          } else if (a.kind === "surplus") {
            const amount = (a.amount * alpha) / 10_000n;
            if (amount === 0n || escrow + amount > MAX_ESCROW) continue;
            await w.usd.connect(w.consumer).transfer(w.address, amount);
            await w.splitter.connect(w.others[0]).syncSurplus();
            escrow += amount;
            seen.surplus++;
            events.push({ kind: "surplus", amount });
            await checkAgainstModel();
          } else {
            const amount = (a.gross * alpha) / 10_000n;
            if (amount === 0n || escrow + amount > MAX_ESCROW) continue;
            await w.splitter.connect(w.consumer).depositRevenue(a.gross);
            escrow += amount;
            seen.deposit++;
            events.push({ kind: "deposit", gross: a.gross });
            await checkAgainstModel();
          }
        }
        for (const [who, amount] of paid) expect(await w.splitter.claimed(who)).to.equal(amount);
        expect(await w.usd.balanceOf(w.address)).to.equal(escrow);
      }),
      { numRuns: RUNS },
    );
    // The property must not pass vacuously.
    expect(seen.deposit).to.be.greaterThan(RUNS);
    expect(seen.checks).to.be.greaterThan(RUNS);
    expect(Math.min(seen.surplus, seen.pause, seen.rotation)).to.be.greaterThan(RUNS / 10);
    console.log(
      `      ${seen.attest} attestations, ${seen.deposit} deposits, ${seen.surplus} surplus syncs, ${seen.claim} claims, ` +
        `${seen.pause} pauses and unpauses, ${seen.rotation} committee changes, ${seen.checks} contributor checks`,
    );
  });
});

export { networkHelpers };

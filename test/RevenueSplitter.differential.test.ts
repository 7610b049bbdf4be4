// Differential test: random sequences of attestations, deposits and claims across up to 50
// contributors, checked deposit by deposit against oracle/protocol/payout.ts — exactly against its
// integer model of the accumulator, and within the documented bound against the exact formula.
// Runs: FUZZ_RUNS (default 120, about 40 s), e.g. FUZZ_RUNS=500 npx hardhat test mocha test/RevenueSplitter.differential.test.ts
import { expect } from "chai";
import { network } from "hardhat";
import fc from "fast-check";
import { abs, fraction, lessThan, replayPayouts, sub } from "../oracle/protocol/payout.ts";
import type { PayoutEvent } from "../oracle/protocol/payout.ts";
import { attestation, deployWorld, sign } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const MAX_ESCROW = (1n << 104n) - 1n;

type Action =
  | { kind: "attest"; who: number; tokens: bigint }
  | { kind: "deposit"; gross: bigint }
  | { kind: "claim"; who: number; forOther: boolean };

const tokens = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt(0n, 1_000n) },
  { weight: 3, arbitrary: fc.bigInt(0n, 10n ** 9n) },
  { weight: 1, arbitrary: fc.bigInt(10n ** 12n, 10n ** 13n) },
);
const gross = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt(0n, 100_000n) },
  { weight: 3, arbitrary: fc.bigInt(0n, 10n ** 18n) },
  { weight: 1, arbitrary: fc.bigInt(10n ** 29n, 10n ** 30n) },
);
const action = (people: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("attest" as const), who: fc.nat(people - 1), tokens }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("deposit" as const), gross }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("claim" as const), who: fc.nat(people - 1), forOther: fc.boolean() }) },
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
    const seen = { attest: 0, deposit: 0, claim: 0, checks: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async ({ people, alpha, actions }) => {
        const w = await deployWorld(ethers, { alphaBps: alpha, signers: 1, threshold: 1n });
        const events: PayoutEvent[] = [];
        const nonces = new Map<number, bigint>();
        const paid = new Map<string, bigint>();
        let escrow = 0n;
        for (const a of actions) {
          if (a.kind === "attest") {
            const who = contributors[a.who % people].address;
            const nonce = (nonces.get(a.who) ?? 0n) + 1n;
            nonces.set(a.who, nonce);
            const att = attestation(who, a.tokens, nonce);
            await w.splitter.attest(att, await sign(att, w.committee, w.address, w.chainId));
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
          } else {
            const amount = (a.gross * alpha) / 10_000n;
            if (amount === 0n || escrow + amount > MAX_ESCROW) continue;
            await w.splitter.connect(w.consumer).depositRevenue(a.gross);
            escrow += amount;
            seen.deposit++;
            events.push({ kind: "deposit", gross: a.gross });
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
    console.log(`      ${seen.attest} attestations, ${seen.deposit} deposits, ${seen.claim} claims, ${seen.checks} contributor checks`);
  });
});

export { networkHelpers };

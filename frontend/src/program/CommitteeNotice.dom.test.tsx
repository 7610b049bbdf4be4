// @vitest-environment jsdom
import { cleanup, screen } from "@testing-library/react";
import { parseEventLogs, type Address } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { revenueSplitterAbi, revenueSplitterFactoryAbi } from "../chain/generated.ts";
import { send } from "../test/chain.ts";
import { world } from "../test/context.ts";
import { connectedConfig, renderWithWallet } from "../test/wallet.tsx";
import { CommitteeNotice, countdown } from "./CommitteeNotice.tsx";

afterEach(cleanup);

// A program of its own, created through the batch2 world's factory, so no other file sees its changes.
const w = world("batch2");
async function freshProgram(): Promise<Address> {
  const receipt = await send(w.deployer, {
    address: w.factory,
    abi: revenueSplitterFactoryAbi,
    functionName: "createProgramWithOptions",
    args: [w.usd, 1_000n, [w.other], 1n, w.deployer, w.stranger, 3_600n],
  });
  return parseEventLogs({ abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", logs: receipt.logs })[0].args.program;
}

describe("CommitteeNotice", () => {
  it("shows nothing while no committee change is pending and attestations run", async () => {
    const program = await freshProgram();
    renderWithWallet(<CommitteeNotice program={program} />, await connectedConfig(w.contributor));
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows a proposed committee with the time left before it can take effect, and a pause", async () => {
    const program = await freshProgram();
    await send(w.deployer, { address: program, abi: revenueSplitterAbi, functionName: "proposeCommittee", args: [[w.contributor, w.other], 2n] });
    await send(w.stranger, { address: program, abi: revenueSplitterAbi, functionName: "pauseAttestations", args: [] });
    renderWithWallet(<CommitteeNotice program={program} />, await connectedConfig(w.contributor));
    const proposal = await screen.findByText(/A new committee \(2 of 2 signers\) is proposed/, {}, { timeout: 5_000 });
    // The delay is an hour; the test node's clock may run ahead of this machine's by a little.
    expect(proposal.querySelector("strong")!.textContent).toMatch(/^(59 min \d+ s|1 h \d{1,2} min)$/);
    // The pause is its own contract read; it may render a moment after the proposal.
    expect(await screen.findByText(/New attestations are paused/, {}, { timeout: 5_000 })).toBeTruthy();
  });

  it("writes the time left in days, hours, minutes and seconds", () => {
    expect(countdown(2 * 86_400)).toBe("2 d 0 h 0 min");
    expect(countdown(3 * 3_600 + 125)).toBe("3 h 2 min");
    expect(countdown(65)).toBe("1 min 5 s");
    expect(countdown(0)).toBe("now");
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Signers } from "./AttestationStatus.tsx";

afterEach(cleanup);

const leader = "0x8a28178226c7a04BdCeA3f1B1647888901319E8a";
const member = "0x0e0ab887b16f2125388Fa20609000C69aAC00770";

describe("Signers", () => {
  it("names every member that signed the count, packed or not, and why the others did not", () => {
    render(
      <Signers
        attestation={{
          signers: [member, leader],
          signedBy: [leader, member],
          refusals: ["0x7D60…3481 could not confirm submission 4 (bafk…).\nDetails: replay.pipeline_mismatch: it was made by pipeline A; this member runs B"],
        }}
      />,
    );
    const box = screen.getByTestId("attestation-signers");
    expect(box.textContent).toContain("Signed by 2 committee members: 0x8a28…9E8a, 0x0e0a…0770");
    expect(screen.getByTitle(leader)).toBeTruthy();
    expect(screen.getByTestId("attestation-refusals").textContent).toContain("Did not sign: 0x7D60…3481 could not confirm submission 4 (bafk…). Details: replay.pipeline_mismatch");
  });

  it("falls back to the packed signers for attestations from before committee nodes", () => {
    render(<Signers attestation={{ signers: [leader], refusals: [] }} />);
    expect(screen.getByTestId("attestation-signers").textContent).toContain("Signed by 1 committee member: 0x8a28…9E8a");
    expect(screen.queryByTestId("attestation-refusals")).toBeNull();
  });
});

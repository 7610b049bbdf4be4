// When a leader's job gives up on its attestation: only when the members' refusals leave the
// committee's threshold out of reach. Members that did not answer may still sign at the next try.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CosignRefusedError } from "../committee/node.ts";
import { MemberUnavailableError } from "../committee/member-client.ts";
import { thresholdOutOfReach } from "./program-sink.ts";

const signed: PromiseSettledResult<unknown> = { status: "fulfilled", value: {} };
const refused: PromiseSettledResult<unknown> = { status: "rejected", reason: new CosignRefusedError("0xB could not confirm submission 4.", ["replay.tokens_mismatch: …"]) };
const down: PromiseSettledResult<unknown> = { status: "rejected", reason: new MemberUnavailableError("Member 0xC did not answer.") };

describe("a committee's answers to the leader", () => {
  it("give up for good when every other member of a 2-of-3 refuses", () => {
    assert.equal(thresholdOutOfReach(1, [refused, refused], 2), true);
  });
  it("keep trying while a member that did not answer could still make the threshold", () => {
    assert.equal(thresholdOutOfReach(1, [refused, down], 2), false);
    assert.equal(thresholdOutOfReach(1, [down, down], 2), false);
  });
  it("give up when even the members that did not answer could not make a 3-of-3", () => {
    assert.equal(thresholdOutOfReach(1, [refused, down], 3), true);
  });
  it("never give up once the signatures reach the threshold", () => {
    assert.equal(thresholdOutOfReach(2, [signed, refused], 2), false);
  });
});

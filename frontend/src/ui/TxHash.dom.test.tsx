// @vitest-environment jsdom
// The dApp built for Base Sepolia (VITE_CHAIN_ID=84532): transaction hashes link to its explorer.
import { cleanup, render, screen } from "@testing-library/react";
import type { Hex } from "viem";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { rpcUrl } from "../test/context.ts";

afterEach(cleanup);

let TxHash: typeof import("./TxHash.tsx").TxHash;
beforeAll(async () => {
  // Read by src/config.ts when it is first imported, as a build would have them.
  process.env.VITE_CHAIN_ID = "84532";
  process.env.VITE_BASE_SEPOLIA_RPC_URL = rpcUrl();
  ({ TxHash } = await import("./TxHash.tsx"));
});

const HASH: Hex = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

describe("TxHash on a network with an explorer", () => {
  it("links the shortened hash to the transaction's page, in a new tab", () => {
    render(<TxHash hash={HASH} />);
    const link = screen.getByRole("link", { name: "0x5c504e…b22060" });
    expect(link.getAttribute("href")).toBe(`https://sepolia.basescan.org/tx/${HASH}`);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noreferrer");
  });
});

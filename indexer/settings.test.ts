// The indexer's configuration names what is wrong before Ponder starts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indexerSettings } from "./settings.ts";

const FACTORY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

describe("indexer settings", () => {
  it("takes the deployment record's values, several RPC URLs, and the defaults", () => {
    const s = indexerSettings({ RPC_URL: "https://a.example, https://b.example", INDEXER_FACTORY_ADDRESS: FACTORY.toLowerCase(), CHAIN_ID: "84532", INDEXER_FROM_BLOCK: "31" });
    assert.deepEqual(s, { chainId: 84532, rpcUrls: ["https://a.example", "https://b.example"], factory: FACTORY, fromBlock: 31, databaseUrl: undefined, dataDir: ".1tt/indexer", pollingMs: 1000 });
    assert.deepEqual(indexerSettings({ RPC_URL: "https://a.example", INDEXER_RPC_URL: "https://c.example", INDEXER_FACTORY_ADDRESS: FACTORY }).rpcUrls, ["https://c.example"]);
  });

  it("refuses a missing RPC URL, a factory that is not an address and a block that is not a number, naming the variable", () => {
    assert.throws(() => indexerSettings({ INDEXER_FACTORY_ADDRESS: FACTORY }), /Set INDEXER_RPC_URL \(or RPC_URL\)/);
    assert.throws(() => indexerSettings({ RPC_URL: "https://a.example" }), /INDEXER_FACTORY_ADDRESS="" is not an address: .*deploy:env/);
    assert.throws(() => indexerSettings({ RPC_URL: "https://a.example", INDEXER_FACTORY_ADDRESS: "0x12" }), /INDEXER_FACTORY_ADDRESS="0x12" is not an address/);
    assert.throws(() => indexerSettings({ RPC_URL: "https://a.example", INDEXER_FACTORY_ADDRESS: FACTORY, INDEXER_FROM_BLOCK: "-1" }), /INDEXER_FROM_BLOCK="-1" is not a whole number ≥ 0/);
  });
});

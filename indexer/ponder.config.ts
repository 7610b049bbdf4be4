// Ponder follows the factory and, through its ProgramCreated events, every program it creates.
// Logs are read in pages a public endpoint accepts (LOG_BLOCK_RANGE) over the project's transport,
// which waits out 429 and 503 answers and moves between several RPC URLs.
import { resolve } from "node:path";
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";
import { revenueSplitterAbi, revenueSplitterFactoryAbi } from "../oracle/protocol/abi.ts";
import { LOG_BLOCK_RANGE } from "../oracle/protocol/read-logs.ts";
import { rpcTransport } from "../oracle/protocol/rpc-transport.ts";
import { indexerSettings } from "./settings.ts";

const settings = indexerSettings(process.env);

export default createConfig({
  database: settings.databaseUrl
    ? { kind: "postgres", connectionString: settings.databaseUrl }
    : { kind: "pglite", directory: resolve(settings.dataDir, "pglite") },
  chains: {
    program: {
      id: settings.chainId,
      rpc: rpcTransport(settings.rpcUrls),
      pollingInterval: settings.pollingMs,
      ethGetLogsBlockRange: Number(LOG_BLOCK_RANGE),
    },
  },
  contracts: {
    RevenueSplitterFactory: {
      chain: "program",
      abi: revenueSplitterFactoryAbi,
      address: settings.factory,
      startBlock: settings.fromBlock,
    },
    RevenueSplitter: {
      chain: "program",
      abi: revenueSplitterAbi,
      address: factory({
        address: settings.factory,
        event: getAbiItem({ abi: revenueSplitterFactoryAbi, name: "ProgramCreated" }),
        parameter: "program",
      }),
      startBlock: settings.fromBlock,
    },
  },
});

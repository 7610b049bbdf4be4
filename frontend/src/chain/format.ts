// The dApp shows numbers with the protocol's one set of formatting rules (the CLI uses the same).
export * from "../../../oracle/protocol/format.ts";

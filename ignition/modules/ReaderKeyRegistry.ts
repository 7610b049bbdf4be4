// The ReaderKeyRegistry, once per chain: where every program's reader public keys are published
// (the consumers' and auditors' by the program's owner, each committee member's by its signer).
// Deployed on its own (`npx hardhat ignition deploy ignition/modules/ReaderKeyRegistry.ts
// --network <name>`) or with a program (Program.ts uses this module, so a chain's deployment
// holds one registry, recorded as `ReaderKeyRegistry#ReaderKeyRegistry`).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("ReaderKeyRegistry", (m) => {
  const registry = m.contract("ReaderKeyRegistry");
  return { registry };
});

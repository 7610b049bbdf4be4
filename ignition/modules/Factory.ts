// The RevenueSplitterFactory, once per chain. Deployed on its own
// (`npx hardhat ignition deploy ignition/modules/Factory.ts --network <name>`) or as the first step
// of a program (Program.ts uses this module, so a chain's deployment holds one factory).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("Factory", (m) => {
  const factory = m.contract("RevenueSplitterFactory");
  return { factory };
});

// TestUSD, the open-mint test asset: local chains and testnets only (anyone can mint it).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("TestUSD", (m) => {
  const usd = m.contract("TestUSD");
  return { usd };
});

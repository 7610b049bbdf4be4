// Deploys the local platform with Hardhat Ignition, the same modules as on a real network:
// TestUSD, then the factory and one program (Program module) in the deployment `chain-31337`.
// The deployment is recorded under <state>/ignition (not the repository's ignition/, which holds
// real networks' records), and wiped before each start because the chain is new each time.
import { rmSync } from "node:fs";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { Address } from "viem";
import hardhatConfig from "../../hardhat.config.ts";
import ProgramModule from "../../ignition/modules/Program.ts";
import TestUsdModule from "../../ignition/modules/TestUSD.ts";
import { programAddresses, readDeployedAddresses, ROOT, type ProgramAddresses } from "../deploy/deployments.ts";

export interface LocalProgram {
  alphaBps: number;
  signers: Address[];
  threshold: number;
  owner: Address;
}

export async function deployLocal(rpcUrl: string, ignitionDir: string, program: LocalProgram): Promise<ProgramAddresses & { testUsd: Address }> {
  rmSync(ignitionDir, { recursive: true, force: true });
  const hre = await createHardhatRuntimeEnvironment(
    {
      ...hardhatConfig,
      paths: { ...hardhatConfig.paths, ignition: ignitionDir },
      networks: { ...hardhatConfig.networks, localhost: { type: "http", chainType: "l1", url: rpcUrl } },
    },
    {},
    ROOT,
  );
  const connection = await hre.network.connect({ network: "localhost" });
  try {
    await connection.ignition.deploy(TestUsdModule, { displayUi: false });
    const usd = readDeployedAddresses(ignitionDir, 31337)?.["TestUSD#TestUSD"];
    if (!usd) throw new Error(`Ignition deployed TestUSD but ${ignitionDir} does not record it`);
    await connection.ignition.deploy(ProgramModule, {
      displayUi: false,
      parameters: { Program: { asset: usd, alphaBps: program.alphaBps, signers: program.signers, threshold: program.threshold, owner: program.owner } },
    });
  } finally {
    await connection.close();
  }
  const addresses = programAddresses(ignitionDir, 31337);
  return { ...addresses, testUsd: addresses.testUsd! };
}

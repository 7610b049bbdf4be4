// One revenue program: a RevenueSplitter created through the chain's factory (Factory.ts).
// Parameters, under the module's id: asset, alphaBps (1..10000), signers (the committee's
// addresses), threshold, owner, guardian (who else may pause attestations and cancel committee
// proposals; default none) and committeeDelay (seconds a committee proposal waits; default the
// factory's 2 days, at most 90 days). The program's address is read from the factory's ProgramCreated
// event and recorded as `<id>#RevenueSplitter` in the deployment's deployed_addresses.json. The
// chain's ReaderKeyRegistry (ReaderKeyRegistry.ts) is deployed with the first program, where the
// program's owner and committee publish their reader keys.
//
// The default export has the id "Program" (the CLI: `npx hardhat ignition deploy
// ignition/modules/Program.ts --parameters params.json`). scripts/deploy/create-program.ts builds
// one module per program name ("Program_<name>"), so one chain's deployment can hold many
// programs that share one factory.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FactoryModule from "./Factory.ts";
import ReaderKeyRegistryModule from "./ReaderKeyRegistry.ts";

export const PROGRAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** RevenueSplitterFactory.DEFAULT_COMMITTEE_DELAY: two days, in seconds. */
export const DEFAULT_COMMITTEE_DELAY = 2 * 24 * 3600;
export const NO_GUARDIAN = "0x0000000000000000000000000000000000000000";

/** The module id of a named program: "Program" for the default, "Program_<name>" otherwise. */
export function programModuleId(name?: string): string {
  if (name === undefined || name === "") return "Program";
  if (!PROGRAM_NAME.test(name)) throw new Error(`program name "${name}": use a letter then letters, digits or _ (at most 40)`);
  return `Program_${name}`;
}

export function programModule(id: string) {
  return buildModule(id, (m) => {
    const { factory } = m.useModule(FactoryModule);
    const { registry } = m.useModule(ReaderKeyRegistryModule);
    const asset = m.getParameter<string>("asset");
    const alphaBps = m.getParameter<number>("alphaBps");
    const signers = m.getParameter<string[]>("signers");
    const threshold = m.getParameter<number>("threshold", 1);
    const owner = m.getParameter<string>("owner");
    const guardian = m.getParameter<string>("guardian", NO_GUARDIAN);
    const committeeDelay = m.getParameter<number>("committeeDelay", DEFAULT_COMMITTEE_DELAY);
    const created = m.call(factory, "createProgramWithOptions", [asset, alphaBps, signers, threshold, owner, guardian, committeeDelay]);
    const address = m.readEventArgument(created, "ProgramCreated", "program");
    const program = m.contractAt("RevenueSplitter", address);
    return { factory, program, registry };
  });
}

export default programModule("Program");

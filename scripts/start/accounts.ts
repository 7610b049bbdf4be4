// The local chain's accounts and what the demonstration uses them for. They are Hardhat's
// default accounts (the public "test … junk" mnemonic): anyone knows their keys, which is what
// lets a browser wallet import them, and why they must never hold anything real.
import { mnemonicToAccount, type HDAccount } from "viem/accounts";

export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export type Role = "owner" | "consumer" | "contributor";

export interface LocalAccount {
  index: number;
  role: Role;
  label: string;
  account: HDAccount;
  privateKey: `0x${string}`;
}

function local(index: number, role: Role, label: string): LocalAccount {
  const account = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });
  const privateKey = `0x${Buffer.from(account.getHdKey().privateKey!).toString("hex")}` as `0x${string}`;
  return { index, role, label, account, privateKey };
}

/** #0 deploys and owns the program, #1 is the data consumer, #2–#4 are the seeded contributors. */
export const OWNER = local(0, "owner", "deployer and program owner");
export const CONSUMER = local(1, "consumer", "data consumer (deposits revenue)");
export const CONTRIBUTORS = [
  local(2, "contributor", "contributor Ada"),
  local(3, "contributor", "contributor Ben"),
  local(4, "contributor", "contributor Chen"),
];
export const ALL_ACCOUNTS: LocalAccount[] = [OWNER, CONSUMER, ...CONTRIBUTORS];

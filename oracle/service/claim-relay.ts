// Claims without gas: a contributor signs an EIP-712 claim (oracle/protocol/claim.ts) and this
// oracle submits it with RevenueSplitter.claimWithSig, paying the gas from its relayer key. Before
// it spends anything it checks what the contract would check (deadline, nonce, signature, ECDSA
// or ERC-1271, something to claim) and simulates the call, so a bad request costs nothing.
import { BaseError, ContractFunctionRevertedError, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { claimTypedData, type Claim } from "../protocol/claim.ts";
import { ApiError } from "./errors.ts";

export interface ClaimRelayOptions {
  /** Sends the transactions: its account pays the gas. */
  wallet: WalletClient;
  client: PublicClient;
  chainId: number;
  splitter: Address;
}

export class ClaimRelay {
  readonly #o: ClaimRelayOptions;

  constructor(options: ClaimRelayOptions) {
    if (!options.wallet.account) throw new Error("ClaimRelay: the wallet client needs an account to pay the gas");
    this.#o = options;
  }

  /** What the dApp needs to offer claims without gas. */
  info(): { chainId: number; splitter: Address; relayer: Address } {
    return { chainId: this.#o.chainId, splitter: this.#o.splitter, relayer: this.#o.wallet.account!.address };
  }

  /** Checks `claim` and its signature, then submits it; returns the transaction hash. */
  async relay(claim: Claim, signature: Hex): Promise<Hex> {
    const { client, wallet, splitter, chainId } = this.#o;
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (claim.deadline <= now) {
      throw new ApiError(400, "claim_expired", `the claim's deadline ${claim.deadline} has passed.`, "Sign a new claim with a later deadline.");
    }
    const read = { address: splitter, abi: revenueSplitterAbi } as const;
    const [nonce, claimable] = await Promise.all([
      client.readContract({ ...read, functionName: "claimNonceOf", args: [claim.contributor] }),
      client.readContract({ ...read, functionName: "claimable", args: [claim.contributor] }),
    ]);
    if (claim.nonce !== nonce) {
      throw new ApiError(409, "claim_nonce_used", `the claim carries nonce ${claim.nonce}; the program expects ${nonce} for ${claim.contributor}.`, "Sign a new claim with the program's current claim nonce (claimNonceOf).");
    }
    if (claimable === 0n) {
      throw new ApiError(409, "nothing_to_claim", `${claim.contributor} has nothing to claim on ${splitter}.`, "Wait for the next deposit.");
    }
    // viem verifies an EOA's signature and asks a contract wallet (ERC-1271) alike.
    const { domain, types, primaryType, message } = claimTypedData(chainId, splitter, claim);
    const valid = await client.verifyTypedData({ address: claim.contributor, domain, types, primaryType, message: { ...message }, signature, blockTag: "latest" });
    if (!valid) {
      throw new ApiError(400, "invalid_claim_signature", `the signature is not ${claim.contributor}'s for this claim on ${splitter} (chain ${chainId}).`, "Sign the claim with the contributor's wallet, for this program and chain.");
    }
    try {
      const { request } = await client.simulateContract({ ...read, functionName: "claimWithSig", args: [claim, signature], account: wallet.account! });
      return await wallet.writeContract(request);
    } catch (e) {
      const reverted = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
      if (reverted instanceof ContractFunctionRevertedError) {
        throw new ApiError(422, "claim_refused", `the program refused the claim: ${reverted.data?.errorName ?? reverted.shortMessage}.`, "Check the claim's fields and sign it again.");
      }
      throw new ApiError(502, "chain_unavailable", `the claim could not be sent: ${(e as Error).message.split("\n")[0]}.`, "Try again in a moment.");
    }
  }
}

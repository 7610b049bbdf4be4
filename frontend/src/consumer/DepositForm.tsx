// Deposit revenue: the consumer types the gross revenue R; the page reads from the contract what
// the deposit pulls (α·R) and shows the split before anything is signed. Two ways to pay: one
// permit signature plus one transaction, or an approval then the deposit (two transactions, one
// click). An allowance the consumer already gave is never lost: a deposit that it covers spends
// it; one that it does not cover approves the deposit on top of it. The splitter's permit sets the
// allowance to exactly the deposit, so it is offered only when there is no allowance to replace.
import { useEffect, useId, useState } from "react";
import { erc20Abi, maxUint256, parseAbi, parseSignature, type Address } from "viem";
import { useAccount, useConfig, useReadContract, useSignTypedData, useWriteContract } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import { programChainId } from "../config.ts";
import {
  useReadRevenueSplitterAmountForRevenue,
  useWriteRevenueSplitterDepositRevenue,
  useWriteRevenueSplitterDepositRevenueWithPermit,
} from "../chain/generated.ts";
import { formatAmount, parseAmountInput } from "../chain/format.ts";
import { useAssetBalance, useProgramBasics } from "../program/useAsset.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletButton } from "../wallet/WalletButton.tsx";

/** A token anyone may mint, as the local chain's test asset is (the page offers it only there). */
const mintableAbi = parseAbi(["function mint(address to, uint256 amount)"]);

/** What an ERC-2612 token answers beyond ERC-20 (EIP-5267 for its domain). */
const permitAbi = parseAbi([
  "function nonces(address owner) view returns (uint256)",
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
]);

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The allowance to approve so that the deposit is covered and what was allowed before remains. */
function approvalFor(allowance: bigint, amount: bigint): bigint {
  return allowance >= maxUint256 - amount ? maxUint256 : allowance + amount;
}

export function DepositForm({ program }: { program: Address }) {
  const inputId = useId();
  const config = useConfig();
  const { address: account, chainId: walletChainId } = useAccount();
  const { alphaBps, asset, symbol = "", decimals } = useProgramBasics(program);
  const [text, setText] = useState("");
  const chainId = programChainId;
  // TestUSD on the local chain mints to anyone: offer it as the way forward there only.
  const localChain = programChainId === 31337;
  const gross = decimals === undefined ? undefined : parseAmountInput(text, decimals);
  const invalid = text.trim() !== "" && gross === undefined;

  const pull = useReadRevenueSplitterAmountForRevenue({ address: program, chainId, args: gross === undefined ? undefined : [gross], query: { enabled: gross !== undefined } });
  const tokenReads = { address: asset, chainId, query: { enabled: Boolean(asset && account) } } as const;
  const balance = useAssetBalance(asset, account);
  const allowance = useReadContract({ ...tokenReads, abi: erc20Abi, functionName: "allowance", args: account ? [account, program] : undefined });
  const nonce = useReadContract({ ...tokenReads, abi: permitAbi, functionName: "nonces", args: account ? [account] : undefined });
  const domain = useReadContract({ address: asset, chainId, abi: permitAbi, functionName: "eip712Domain", query: { enabled: Boolean(asset) } });

  const { signTypedDataAsync } = useSignTypedData();
  const depositWithPermit = useWriteRevenueSplitterDepositRevenueWithPermit();
  const deposit = useWriteRevenueSplitterDepositRevenue();
  const { writeContractAsync } = useWriteContract();
  const tx = useTransaction();
  const [done, setDone] = useState<string>();

  const amount = pull.data;
  const fmt = (v: bigint | undefined) => (v === undefined || decimals === undefined ? "…" : `${formatAmount(v, decimals, decimals)} ${symbol}`);
  const wrongNetwork = account !== undefined && walletChainId !== chainId;
  const short = amount !== undefined && balance.data !== undefined && balance.data < amount;
  const allowed = amount !== undefined && amount > 0n && allowance.data !== undefined && allowance.data >= amount; // nothing to pull: no allowance to speak of
  const partial = !allowed && allowance.data !== undefined && allowance.data > 0n;
  const zero = amount === 0n;
  const canPay = Boolean(account && amount !== undefined && !zero && !short && !wrongNetwork && !tx.busy && gross !== undefined);

  /** Sends one deposit; `label` is what the status says once its transaction is confirmed. */
  async function pay(label: string, send: (step: (text: string) => void) => Promise<`0x${string}`>) {
    setDone(label);
    await tx.run(send);
  }

  // A confirmed deposit clears the amount, so that a second click cannot repeat it (a confirmed
  // mint, which sets no label, leaves it). The receipt is the one useTransaction already waits for.
  const depositConfirmed = tx.phase === "confirmed" && done !== undefined;
  useEffect(() => {
    if (depositConfirmed) setText("");
  }, [depositConfirmed]);

  const depositedLabel = () => `Confirmed. Deposited: ${fmt(gross)} of revenue recorded, ${fmt(amount)} shared with contributors.`;

  function payWithPermit() {
    if (!account || !asset || gross === undefined || amount === undefined || nonce.data === undefined || !domain.data) return;
    const [, name, version, tokenChainId, verifyingContract] = domain.data;
    void pay(depositedLabel(), async () => {
      const deadline = BigInt(Math.floor(Date.now() / 1000) + 60 * 60);
      const signature = await signTypedDataAsync({
        domain: { name, version, chainId: tokenChainId, verifyingContract },
        types: PERMIT_TYPES,
        primaryType: "Permit",
        message: { owner: account, spender: program, value: amount, nonce: nonce.data!, deadline },
      });
      const { r, s, v, yParity } = parseSignature(signature);
      return depositWithPermit.writeContractAsync({ address: program, chainId, args: [gross, deadline, Number(v ?? 27n + BigInt(yParity)), r, s] });
    });
  }

  function depositWithAllowance() {
    if (gross === undefined) return;
    void pay(depositedLabel(), () => deposit.writeContractAsync({ address: program, chainId, args: [gross] }));
  }

  function approveThenDeposit() {
    if (!asset || gross === undefined || amount === undefined || allowance.data === undefined) return;
    const shown = fmt(amount);
    const value = approvalFor(allowance.data, amount);
    void pay(depositedLabel(), async (step) => {
      step(`Step 1 of 2: approve ${shown}${allowance.data ? " more" : ""} in your wallet…`);
      const approval = await writeContractAsync({ address: asset, abi: erc20Abi, chainId, functionName: "approve", args: [program, value] });
      step("Step 1 of 2: waiting for the approval to be mined…");
      const mined = await waitForTransactionReceipt(config, { hash: approval, chainId });
      if (mined.status !== "success") throw new Error("The approval was mined but reverted: nothing was deposited. Try again.");
      step(`Step 2 of 2: confirm the deposit of ${shown} in your wallet…`);
      return deposit.writeContractAsync({ address: program, chainId, args: [gross] });
    });
  }

  if (!account) {
    return (
      <div className="note">
        <p>Connect the wallet that pays the revenue share.</p>
        <WalletButton />
      </div>
    );
  }
  return (
    <form className="deposit" onSubmit={(e) => { e.preventDefault(); if (allowed) depositWithAllowance(); else if (partial) approveThenDeposit(); else payWithPermit(); }}>
      <label htmlFor={inputId}>Gross revenue R for this period ({symbol})</label>
      <input
        id={inputId}
        name="gross"
        inputMode="decimal"
        autoComplete="off"
        placeholder="e.g. 10000"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // A new amount is a new deposit: the last one's outcome no longer describes it.
          if (!tx.busy) {
            tx.reset();
            setDone(undefined);
          }
        }}
        aria-invalid={invalid}
        aria-describedby={`${inputId}-split`}
      />
      <div id={`${inputId}-split`} className="split" data-testid="split" data-value={amount?.toString()} aria-live="polite">
        {invalid ? (
          <p className="field-error">Enter an amount like 1250.50 (at most {decimals} decimals).</p>
        ) : gross === undefined ? (
          <p className="muted">The split appears here before you sign anything.</p>
        ) : (
          <p>
            Of {fmt(gross)}, <strong>{fmt(amount)}</strong> goes to contributors (α = {alphaBps === undefined ? "…" : `${Number(alphaBps) / 100}%`}), and {amount === undefined ? "…" : fmt(gross - amount)} stays with you.
          </p>
        )}
        <p className="muted">
          Balance {fmt(balance.data)} · allowance {allowance.data === maxUint256 ? "unlimited" : fmt(allowance.data)}
        </p>
      </div>
      {zero && <p className="field-error">α × R rounds down to 0 units: nothing would be shared. Enter a larger amount.</p>}
      {short && (
        <div className="note note-warn" role="alert">
          <strong>Your balance is too low for this deposit.</strong> You need {fmt(amount)} and have {fmt(balance.data)}.
          {localChain && asset && (
            <button type="button" onClick={() => { setDone(undefined); void tx.run(() => writeContractAsync({ address: asset, abi: mintableAbi, functionName: "mint", chainId, args: [account, amount! - balance.data!] })); }} disabled={wrongNetwork || tx.busy}>
              Mint the missing test {symbol}
            </button>
          )}
        </div>
      )}
      <div className="actions">
        {allowed ? (
          <button type="submit" className="primary" disabled={!canPay}>
            Deposit (allowance already set)
          </button>
        ) : partial ? (
          <button type="submit" className="primary" disabled={!canPay || !asset}>
            {amount === undefined ? "Approve, then deposit" : `Approve ${fmt(amount)} more, then deposit`}
          </button>
        ) : (
          <>
            <button type="submit" className="primary" disabled={!canPay || nonce.data === undefined || !domain.data}>
              Deposit with permit (1 signature, 1 transaction)
            </button>
            <button type="button" disabled={!canPay || !asset} onClick={approveThenDeposit}>
              {amount === undefined ? "Approve, then deposit" : `Approve ${fmt(amount)}, then deposit`}
            </button>
          </>
        )}
      </div>
      {wrongNetwork && <p className="muted">Switch to the program's network to deposit.</p>}
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} step={tx.step} done={done ?? "Confirmed."} />
    </form>
  );
}

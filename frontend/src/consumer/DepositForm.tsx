// Deposit revenue: the consumer types the gross revenue R; the page reads from the contract what
// the deposit pulls (α·R) and shows the split before anything is signed. Two ways to pay: one
// permit signature plus one transaction, or approve then deposit.
import { useId, useState } from "react";
import { maxUint256, parseSignature, type Address } from "viem";
import { useAccount, useSignTypedData } from "wagmi";
import { programChainId } from "../config.ts";
import {
  useReadRevenueSplitterAmountForRevenue,
  useReadTestUsdAllowance,
  useReadTestUsdBalanceOf,
  useReadTestUsdEip712Domain,
  useReadTestUsdNonces,
  useWriteRevenueSplitterDepositRevenue,
  useWriteRevenueSplitterDepositRevenueWithPermit,
  useWriteTestUsdApprove,
  useWriteTestUsdMint,
} from "../chain/generated.ts";
import { formatAmount, parseAmountInput } from "../chain/format.ts";
import { useProgramBasics } from "../program/useAsset.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { ConnectButton } from "@rainbow-me/rainbowkit";

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export function DepositForm({ program }: { program: Address }) {
  const inputId = useId();
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
  const balance = useReadTestUsdBalanceOf({ ...tokenReads, args: account ? [account] : undefined });
  const allowance = useReadTestUsdAllowance({ ...tokenReads, args: account ? [account, program] : undefined });
  const nonce = useReadTestUsdNonces({ ...tokenReads, args: account ? [account] : undefined });
  const domain = useReadTestUsdEip712Domain({ address: asset, chainId, query: { enabled: Boolean(asset) } });

  const { signTypedDataAsync } = useSignTypedData();
  const depositWithPermit = useWriteRevenueSplitterDepositRevenueWithPermit();
  const deposit = useWriteRevenueSplitterDepositRevenue();
  const approve = useWriteTestUsdApprove();
  const mint = useWriteTestUsdMint();
  const tx = useTransaction();

  const amount = pull.data;
  const fmt = (v: bigint | undefined) => (v === undefined || decimals === undefined ? "…" : `${formatAmount(v, decimals, decimals)} ${symbol}`);
  const wrongNetwork = account !== undefined && walletChainId !== chainId;
  const short = amount !== undefined && balance.data !== undefined && balance.data < amount;
  const allowed = amount !== undefined && amount > 0n && allowance.data !== undefined && allowance.data >= amount; // nothing to pull: no allowance to speak of
  const zero = amount === 0n;
  const canPay = Boolean(account && amount !== undefined && !zero && !short && !wrongNetwork && !tx.busy && gross !== undefined);

  async function payWithPermit() {
    if (!account || !asset || gross === undefined || amount === undefined || nonce.data === undefined || !domain.data) return;
    const [, name, version, tokenChainId, verifyingContract] = domain.data;
    await tx.run(async () => {
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

  if (!account) {
    return (
      <div className="note">
        <p>Connect the wallet that pays the revenue share.</p>
        <ConnectButton />
      </div>
    );
  }
  return (
    <form className="deposit" onSubmit={(e) => { e.preventDefault(); void payWithPermit(); }}>
      <label htmlFor={inputId}>Gross revenue R for this period ({symbol})</label>
      <input
        id={inputId}
        name="gross"
        inputMode="decimal"
        autoComplete="off"
        placeholder="e.g. 10000"
        value={text}
        onChange={(e) => setText(e.target.value)}
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
            <button type="button" onClick={() => tx.run(() => mint.writeContractAsync({ address: asset, chainId, args: [account, amount! - balance.data!] }))} disabled={wrongNetwork || tx.busy}>
              Mint the missing test {symbol}
            </button>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!canPay || nonce.data === undefined || !domain.data}>
          Deposit with permit (1 signature, 1 transaction)
        </button>
        {allowed ? (
          <button type="button" disabled={!canPay} onClick={() => tx.run(() => deposit.writeContractAsync({ address: program, chainId, args: [gross!] }))}>
            Deposit (allowance already set)
          </button>
        ) : (
          <button type="button" disabled={!canPay || !asset} onClick={() => tx.run(() => approve.writeContractAsync({ address: asset!, chainId, args: [program, amount!] }))}>
            {amount === undefined ? "Approve, then deposit" : `Approve ${fmt(amount)}, then deposit`}
          </button>
        )}
      </div>
      {wrongNetwork && <p className="muted">Switch to the program's network to deposit.</p>}
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} done="Confirmed." />
    </form>
  );
}

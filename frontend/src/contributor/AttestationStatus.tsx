// Where a submission's signed attestation stands, and the way to put it on chain yourself. The
// oracle returns the committee-signed attestation with every accepted job; its relayer usually
// posts it, but anyone may send it until its deadline (RevenueSplitter.attest checks the
// committee's signatures, not the sender), so a contributor whose oracle does not post, or has
// not yet, sends it from their own wallet. The state is read from the chain: the contributor's
// nonce there says whether this attestation (or a newer one) has landed.
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { programChainId } from "../config.ts";
import { useReadRevenueSplitterNonceOf, useWriteRevenueSplitterAttest } from "../chain/generated.ts";
import { formatCount } from "../chain/format.ts";
import type { SignedAttestation } from "../oracle/client.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";

export type AttestationState = "loading" | "onchain" | "pending" | "expired";

/** The attestation's state given the contributor's nonce on chain and the time (seconds). */
export function attestationState(attestation: Pick<SignedAttestation, "nonce" | "deadline">, nonceOnChain: bigint | undefined, nowSeconds: number): AttestationState {
  if (nonceOnChain === undefined) return "loading";
  if (nonceOnChain >= BigInt(attestation.nonce)) return "onchain";
  return BigInt(attestation.deadline) < BigInt(Math.floor(nowSeconds)) ? "expired" : "pending";
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Which committee members signed this count, and which declined and why. */
export function Signers({ attestation }: { attestation: Pick<SignedAttestation, "signers" | "signedBy" | "refusals"> }) {
  const signed = attestation.signedBy ?? attestation.signers;
  return (
    <div className="signers" data-testid="attestation-signers">
      <p className="muted">
        Signed by {signed.length} committee member{signed.length === 1 ? "" : "s"}:{" "}
        {signed.map((a, i) => (
          <span key={a} title={a}>
            {i > 0 && ", "}
            <code>{short(a)}</code>
          </span>
        ))}
      </p>
      {attestation.refusals.length > 0 && (
        <ul className="muted" data-testid="attestation-refusals">
          {attestation.refusals.map((r) => (
            <li key={r}>Did not sign: {r.replaceAll("\n", " ")}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `compact`: one line for a table cell (the state, or the submit button). */
export function AttestationStatus({ program, attestation, compact = false }: { program: Address; attestation: SignedAttestation; compact?: boolean }) {
  const { chainId, address } = useAccount();
  const nonce = useReadRevenueSplitterNonceOf({ address: program, chainId: programChainId, args: [attestation.contributor] });
  const { writeContractAsync } = useWriteRevenueSplitterAttest();
  const tx = useTransaction();
  const state = attestationState(attestation, nonce.data, Date.now() / 1000);
  const wrongNetwork = chainId !== programChainId;
  const signatures = attestation.signatures;
  const submit = () =>
    signatures &&
    tx.run(() =>
      writeContractAsync({
        address: program,
        chainId: programChainId,
        args: [
          {
            contributor: attestation.contributor,
            tokens: BigInt(attestation.tokens),
            nonce: BigInt(attestation.nonce),
            deadline: BigInt(attestation.deadline),
            manifestCid: attestation.manifestCid,
          },
          signatures,
        ],
      }),
    );
  const tokens = formatCount(BigInt(attestation.tokens));
  const until = new Date(Number(attestation.deadline) * 1000).toLocaleString();
  const button = (
    <button type="button" className={compact ? undefined : "primary"} disabled={tx.busy || wrongNetwork || !address} onClick={submit}>
      {tx.busy ? "Submitting…" : compact ? "Submit from my wallet" : "Submit the attestation from my wallet"}
    </button>
  );
  if (compact) {
    return (
      <span className="attestation" data-testid="attestation-cell" data-state={state} data-nonce={attestation.nonce}>
        {state === "loading" && "…"}
        {state === "onchain" && <>yes (nonce {attestation.nonce})</>}
        {state === "expired" && <span title={`expired ${until}`}>expired</span>}
        {state === "pending" && button}
        {tx.phase === "error" && <TxStatus phase={tx.phase} error={tx.error} />}
      </span>
    );
  }
  return (
    <div className="attestation" data-testid="attestation" data-state={state} data-nonce={attestation.nonce}>
      {state === "loading" && <p className="muted">Reading the chain…</p>}
      {state === "onchain" && (
        <p className="tx-confirmed">
          On chain: your count is {tokens} tokens (attestation {attestation.nonce}).
        </p>
      )}
      <Signers attestation={attestation} />
      {state === "expired" && (
        <p className="note note-error" role="alert">
          This attestation expired on {until} before it reached the chain. Upload again or ask
          the oracle's operator to re-sign it.
        </p>
      )}
      {state === "pending" && (
        <>
          <p>
            Signed by {attestation.signers.length} committee member{attestation.signers.length === 1 ? "" : "s"}, not yet on chain: {tokens} tokens in all. Anyone
            may submit it until {until}; you can do it now from your wallet (it costs gas).
          </p>
          {button}
          {wrongNetwork && <p className="muted">Switch to the program's network to submit it.</p>}
        </>
      )}
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} done="Submitted: your token count is on chain." />
    </div>
  );
}

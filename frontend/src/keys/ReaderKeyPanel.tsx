// The reader key, shown where it matters. ContributorKeyPanel (Contribute): whether the oracle has
// the contributor's key, and the one step that creates and registers it before the first upload.
// ReaderKeyPanel (Catalogue): the key this page holds for downloads, with its public key to hand
// to the program's operator. Both offer a keystore file when the wallet cannot derive a key.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Address } from "viem";
import { shortId } from "../chain/format.ts";
import type { ReaderKeyAnswer } from "../oracle/client.ts";
import { READER_KEY_QUERY, registerReaderKey, useRegisteredReaderKey } from "../oracle/reader-key.ts";
import { signatureText } from "./DownloadButton.tsx";
import { KeystoreForm } from "./KeystoreForm.tsx";
import { ProblemNote } from "./ProblemNote.tsx";
import type { HeldReaderKey } from "./reader-key-store.ts";
import { useReaderKey, type ReaderKeyHandle } from "./useReaderKey.ts";

/** Errors after which only a keystore helps: the wallet's signatures cannot give a stable key. */
const walletUnfit = (error: unknown) => ["UnstableSignatureError", "ReaderKeyError"].includes((error as Error | null)?.name ?? "");

function KeystoreOption({ open, onToggle, onOpen }: { open: boolean; onToggle: (open: boolean) => void; onOpen: (file: File, passphrase: string) => Promise<unknown> }) {
  return (
    <details className="keystore-option" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary data-testid="keystore-toggle">Use a reader keystore file instead</summary>
      {open && <KeystoreForm onOpen={onOpen} />}
    </details>
  );
}

const sourceText = (key: HeldReaderKey) => (key.source === "wallet" ? "from your wallet" : `from the keystore${key.label ? ` “${key.label}”` : ""}`);

export function ContributorKeyPanel({ program }: { program: Address }) {
  const titleId = useId();
  const readerKey = useReaderKey(program);
  const registered = useRegisteredReaderKey(true);
  const queryClient = useQueryClient();
  const [keystoreOpen, setKeystoreOpen] = useState(false);
  const register = useMutation({
    mutationFn: async (obtain: () => Promise<HeldReaderKey>): Promise<ReaderKeyAnswer> => {
      const key = await obtain();
      const current = queryClient.getQueryData<ReaderKeyAnswer | null>(READER_KEY_QUERY);
      return current && current.publicKey.toLowerCase() === key.publicKey ? current : registerReaderKey(key.publicKey);
    },
    onSuccess: (answer) => queryClient.setQueryData(READER_KEY_QUERY, answer),
    onError: (error) => walletUnfit(error) && setKeystoreOpen(true),
  });

  const remote = registered.data?.publicKey.toLowerCase();
  const local = readerKey.key?.publicKey;
  const state = registered.isPending ? "loading" : registered.error ? "error" : !remote ? "missing" : local && local !== remote ? "mismatch" : "registered";
  const busy = register.isPending || readerKey.pending;

  return (
    <section className="reader-key" aria-labelledby={titleId} data-testid="reader-key" data-state={state} data-public-key={remote ?? ""}>
      <h3 id={titleId}>Your reader key</h3>
      {state === "loading" && <p className="muted">Checking whether the oracle has your reader key…</p>}
      {state === "error" && (
        <ErrorRetry error={registered.error} retry={() => registered.refetch()} />
      )}
      {state === "missing" && (
        <p>
          <strong>Create your reader key before your first upload.</strong> It lets you decrypt your own data later and costs nothing: your
          wallet signs a message (twice the first time), no transaction.
        </p>
      )}
      {state === "registered" && (
        <p>
          Registered: <code title={remote}>{shortId(remote!)}</code>
          <span className="muted"> · your uploads are encrypted for this key too{local === remote ? ", and this page holds it" : ""}.</span>
        </p>
      )}
      {state === "mismatch" && (
        <div className="note note-warn">
          The oracle holds another reader key for you (<code title={remote}>{shortId(remote!)}</code>) than the one this page holds (
          <code title={local}>{shortId(local!)}</code>, {sourceText(readerKey.key!)}). New uploads are encrypted for the registered key.
        </div>
      )}
      {(state === "missing" || state === "mismatch") && (
        <div className="reader-key-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => register.mutate(readerKey.ensure)}
            data-testid={state === "missing" ? "reader-key-create" : "reader-key-register"}
          >
            {state === "missing" ? "Create your reader key" : "Register this key instead"}
          </button>
        </div>
      )}
      {busy && (
        <p className="muted" role="status">
          {readerKey.pending ? signatureText(readerKey.step) : "Registering your reader key with the oracle…"}
        </p>
      )}
      {register.error && <ProblemNote error={register.error} />}
      {state === "missing" && (
        <KeystoreOption
          open={keystoreOpen}
          onToggle={setKeystoreOpen}
          // A keystore that does not open is the form's to explain; registering its key is the panel's.
          onOpen={async (file, passphrase) => {
            const key = await readerKey.openKeystore(file, passphrase);
            register.mutate(async () => key);
          }}
        />
      )}
    </section>
  );
}

export function ReaderKeyPanel({ program }: { program: Address }) {
  const titleId = useId();
  const readerKey = useReaderKey(program);
  const [keystoreOpen, setKeystoreOpen] = useState(false);
  const derive = useMutation({ mutationFn: readerKey.ensure, onError: (error) => walletUnfit(error) && setKeystoreOpen(true) });
  const key = readerKey.key;

  return (
    <section className="reader-key" aria-labelledby={titleId} data-testid="reader-key" data-state={key ? "held" : "none"} data-public-key={key?.publicKey ?? ""}>
      <h3 id={titleId}>Your reader key</h3>
      <p className="muted">
        Submissions are encrypted; each one's data key is wrapped for its contributor, the program's consumers, its committee and its auditors.
        Downloads below decrypt in this page with your reader key.
      </p>
      {key ? (
        <HeldKey readerKey={readerKey} />
      ) : (
        <>
          <div className="reader-key-actions">
            <button type="button" disabled={!readerKey.account || readerKey.pending} onClick={() => derive.mutate()} data-testid="reader-key-derive">
              Derive my reader key
            </button>
            {!readerKey.account && <span className="muted">Connect a wallet to derive it, or open a keystore file.</span>}
          </div>
          {readerKey.pending && (
            <p className="muted" role="status">
              {signatureText(readerKey.step)}
            </p>
          )}
          {derive.error && <ProblemNote error={derive.error} />}
          <KeystoreOption open={keystoreOpen} onToggle={setKeystoreOpen} onOpen={readerKey.openKeystore} />
        </>
      )}
    </section>
  );
}

function HeldKey({ readerKey }: { readerKey: ReaderKeyHandle }) {
  const key = readerKey.key!;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(key.publicKey);
    setCopied(true);
  };
  return (
    <>
      <p>
        Ready, {sourceText(key)}. Public key: <code className="wrap" data-testid="reader-key-public">{key.publicKey}</code>
      </p>
      <p className="muted small">
        A consumer or auditor hands this public key once to the program's owner, who publishes it in the program's reader key registry (or the
        oracle's configuration); the oracle then wraps every new submission's data key for it.
        The private key stays in this page's memory until you leave, switch accounts or forget it.
      </p>
      <div className="reader-key-actions">
        <button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy public key"}
        </button>
        <button type="button" onClick={readerKey.forget} data-testid="reader-key-forget">
          Forget the key
        </button>
      </div>
    </>
  );
}

function ErrorRetry({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ProblemNote error={error}>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </ProblemNote>
  );
}

// The fallback for wallets that cannot derive a stable reader key: a 1tt/keystore@1 file and its
// passphrase. The file is read and opened in the page; neither it nor the passphrase is sent.
import { useId, useState, type FormEvent } from "react";
import { ProblemNote } from "./ProblemNote.tsx";

export function KeystoreForm({ onOpen }: { onOpen: (file: File, passphrase: string) => Promise<unknown> }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      await onOpen(file, passphrase);
      setPassphrase("");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="keystore-form" onSubmit={submit} data-testid="keystore-form" aria-label="Open a reader keystore">
      <p className="muted small">
        A reader keystore (<code>1tt/keystore@1</code>, JSON) holds a reader key under a passphrase. It is opened here, in the page; nothing is
        uploaded.
      </p>
      <label htmlFor={`${id}-file`}>Keystore file</label>
      <input id={`${id}-file`} type="file" accept=".json,application/json" data-testid="keystore-file" onChange={(e) => setFile(e.target.files?.[0])} />
      <label htmlFor={`${id}-pass`}>Passphrase</label>
      <input
        id={`${id}-pass`}
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        data-testid="keystore-passphrase"
      />
      <button type="submit" disabled={!file || busy} data-testid="keystore-open">
        {busy ? "Opening (a few seconds)…" : "Open keystore"}
      </button>
      {error !== undefined && <ProblemNote error={error} />}
    </form>
  );
}

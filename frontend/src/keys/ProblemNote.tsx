import type { ReactNode } from "react";
import { OneTTError } from "../../../oracle/protocol/errors.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";

/**
 * An error from the 1TT libraries (download, keys, keystores) says itself what happened and what
 * to do; anything else (a declined wallet request, the oracle down) goes to ErrorNote.
 */
export function ProblemNote({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!(error instanceof OneTTError)) return <ErrorNote error={error}>{children}</ErrorNote>;
  return (
    <div className="note note-error" role="alert">
      <strong>{error.shortMessage}</strong> {error.hint}
      {children}
      {error.details && (
        <details>
          <summary>Details</summary>
          <code className="wrap">{error.details}</code>
        </details>
      )}
    </div>
  );
}

import type { ReactNode } from "react";
import { explainError } from "./errors.ts";
import { localRpcUrl } from "../config.ts";

/** An error with what to do about it; `children` may add a button (retry, switch, approve). */
export function ErrorNote({ error, children }: { error: unknown; children?: ReactNode }) {
  const e = explainError(error, { rpcUrl: localRpcUrl });
  return (
    <div className="note note-error" role="alert">
      <strong>{e.title}</strong> {e.action}
      {children}
      {e.detail && (
        <details>
          <summary>Details</summary>
          <code>{e.detail}</code>
        </details>
      )}
    </div>
  );
}

// One figure: a label, the value as read (rounded for the eye), the exact value in data-value for
// tests and copy, and a line that says what it is. Its box has a fixed height: no layout shift.
import type { ReactNode } from "react";

/** `title`: the exact value, shown on hover where `value` is rounded; `unit`: set smaller beside the value, so a long amount keeps to one line. */
export function Figure({ id, label, value, unit, exact, title, hint, children }: { id: string; label: string; value?: string; unit?: string; exact?: bigint | string; title?: string; hint: ReactNode; children?: ReactNode }) {
  const loading = value === undefined;
  return (
    <section className="figure" aria-labelledby={`${id}-label`} data-testid={id} data-value={exact === undefined ? undefined : String(exact)}>
      <h3 id={`${id}-label`}>{label}</h3>
      <p className={`figure-value${loading ? " loading" : ""}`} aria-busy={loading} title={loading ? undefined : title}>
        {loading ? "…" : value}
        {!loading && unit && <span className="figure-unit"> {unit}</span>}
      </p>
      <p className="figure-hint">{hint}</p>
      {children}
    </section>
  );
}

// Shares across contributors as a list of bars: plain HTML, so screen readers read the numbers.
import { formatPercent } from "../../../oracle/protocol/format.ts";
import type { Fraction } from "../../../oracle/protocol/payout.ts";

export interface ShareRow {
  key: string;
  label: string;
  detail: string;
  share: Fraction;
  highlight?: boolean;
}

export function ShareBars({ title, rows, limit = 8 }: { title: string; rows: ShareRow[]; limit?: number }) {
  const shown = rows.slice(0, limit);
  const rest = rows.length - shown.length;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">No contributor has tokens yet.</p>
      ) : (
        <ol className="bars">
          {shown.map((r) => {
            const pct = Number((r.share.num * 10_000n) / r.share.den) / 100;
            return (
              <li key={r.key} className={r.highlight ? "mine" : undefined}>
                <span className="bar-label">
                  {r.label}
                  {r.highlight && <span className="badge">you</span>}
                </span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${Math.max(pct, 0.5)}%` }} />
                </span>
                <span className="bar-value">
                  {formatPercent(r.share)} <span className="muted">{r.detail}</span>
                </span>
              </li>
            );
          })}
          {rest > 0 && <li className="muted">and {rest} more</li>}
        </ol>
      )}
    </figure>
  );
}

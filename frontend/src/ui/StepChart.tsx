// A step chart in hand-written SVG (about 80 lines instead of a charting library's 50-150 kB):
// the dApp needs two kinds of chart, cumulative amounts over blocks and shares, both simple.
// Fixed viewBox + CSS aspect-ratio: the chart takes its final size before data arrives.

export interface Series {
  label: string;
  className: string;
  points: { x: number; y: number }[];
}

const W = 600;
const H = 220;
const PAD = { right: 12, top: 12, bottom: 28 };
/** The width of one character of the axis labels (12 px text, digits about 0.6 em), in viewBox units. */
export const LABEL_CHAR_WIDTH = 7.2;

export function StepChart({ title, series, xLabel, formatY }: { title: string; series: Series[]; xLabel: string; formatY: (y: number) => string }) {
  const all = series.flatMap((s) => s.points);
  const empty = all.length === 0;
  const xMin = empty ? 0 : Math.min(...all.map((p) => p.x));
  // The last block with data (what the labels say), and the layout's, at least one block wide.
  const dataMax = empty ? 0 : Math.max(...all.map((p) => p.x));
  const lastX = empty ? 1 : Math.max(dataMax, xMin + 1);
  // Room after the last point, so its level shows as a step and not as a line on the edge.
  const xMax = lastX + Math.max(1, (lastX - xMin) * 0.1);
  const yMax = empty ? 1 : Math.max(...all.map((p) => p.y)) || 1;
  // The plot starts where the longest y label ends: "12,964.86" is never cut to ",964.86".
  const yLabels = [0, 0.5, 1].map((t) => (empty ? "" : formatY(yMax * t)));
  const padLeft = Math.max(40, Math.ceil(Math.max(...yLabels.map((l) => l.length)) * LABEL_CHAR_WIDTH) + 12);
  const sx = (x: number) => padLeft + ((x - xMin) / (xMax - xMin)) * (W - padLeft - PAD.right);
  const sy = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const path = (pts: { x: number; y: number }[]) => {
    if (pts.length === 0) return "";
    let d = `M${sx(pts[0].x)},${sy(0)} L${sx(pts[0].x)},${sy(pts[0].y)}`;
    for (let i = 1; i < pts.length; i++) d += ` H${sx(pts[i].x)} V${sy(pts[i].y)}`;
    return d + ` H${sx(xMax)}`;
  };
  const summary = empty
    ? `${title}: no data yet.`
    : `${title}: ` +
      series.map((s) => `${s.label} ${formatY(s.points.at(-1)?.y ?? 0)}`).join(", ") +
      (dataMax === xMin ? `, at ${xLabel} ${xMin}.` : `, by ${xLabel} ${xMin} to ${dataMax}.`);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        {[0, 0.5, 1].map((t, i) => (
          <g key={t} className="grid">
            <line x1={padLeft} x2={W - PAD.right} y1={sy(yMax * t)} y2={sy(yMax * t)} />
            <text x={padLeft - 6} y={sy(yMax * t) + 4} textAnchor="end">
              {yLabels[i]}
            </text>
          </g>
        ))}
        {!empty && (
          <g className="axis">
            <text x={padLeft} y={H - 8} textAnchor="start">{`${xLabel} ${xMin}`}</text>
            {dataMax > xMin && <text x={sx(dataMax)} y={H - 8} textAnchor="end">{`${xLabel} ${dataMax}`}</text>}
          </g>
        )}
        {series.map((s) => (
          <path key={s.label} className={`line ${s.className}`} d={path(s.points)} />
        ))}
        {empty && (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="empty">
            No data yet
          </text>
        )}
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`swatch ${s.className}`} /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

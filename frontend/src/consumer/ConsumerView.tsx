// The consumer's page: deposit revenue (the α split shown before signing) and the program overview.
import { useMemo } from "react";
import type { Address } from "viem";
import { programChainId } from "../config.ts";
import {
  useReadRevenueSplitterCommittee,
  useReadRevenueSplitterHeld,
  useReadRevenueSplitterTotalClaimed,
  useReadRevenueSplitterTotalDeposited,
  useReadRevenueSplitterTotalGrossRevenue,
  useReadRevenueSplitterTotalTokens,
} from "../chain/generated.ts";
import { formatCount, formatMoney, formatPercent } from "../chain/format.ts";
import { Amount } from "../ui/Amount.tsx";
import { fraction } from "../../../oracle/protocol/payout.ts";
import { contributorShares, depositSeries } from "../program/history.ts";
import { useProgramLogs } from "../program/live.ts";
import { useProgramBasics } from "../program/useAsset.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { StepChart } from "../ui/StepChart.tsx";
import { TxHash } from "../ui/TxHash.tsx";
import { DepositForm } from "./DepositForm.tsx";

export default function ConsumerView({ program }: { program: Address }) {
  return (
    <div className="view">
      <h2>Deposit revenue</h2>
      <DepositForm program={program} />
      <h2>Program overview</h2>
      <ProgramOverview program={program} />
    </div>
  );
}

function ProgramOverview({ program }: { program: Address }) {
  const at = { address: program, chainId: programChainId } as const;
  const { alphaBps, asset, symbol = "", decimals, error } = useProgramBasics(program);
  const committee = useReadRevenueSplitterCommittee(at);
  const gross = useReadRevenueSplitterTotalGrossRevenue(at);
  const deposited = useReadRevenueSplitterTotalDeposited(at);
  const claimed = useReadRevenueSplitterTotalClaimed(at);
  const held = useReadRevenueSplitterHeld(at);
  const totalTokens = useReadRevenueSplitterTotalTokens(at);
  const logs = useProgramLogs(program);
  const contributors = useMemo(() => contributorShares(logs.data ?? []).length, [logs.data]);
  const deposits = useMemo(() => depositSeries(logs.data ?? []), [logs.data]);
  const amount = (v: bigint | undefined) => (v === undefined || decimals === undefined ? "…" : <Amount units={v} decimals={decimals} symbol={symbol} />);
  const [signers, threshold, epoch] = committee.data ?? [];
  const unit = 10 ** (decimals ?? 18);

  const rows: [string, string, React.ReactNode, bigint | string | undefined][] = [
    ["alpha", "α (share of revenue paid to contributors)", alphaBps === undefined ? "…" : `${formatPercent(fraction(alphaBps, 10_000n))} (${alphaBps} bps)`, alphaBps],
    ["asset", "Asset", asset ? <><strong>{symbol}</strong> <code className="wrap">{asset}</code></> : "…", asset],
    [
      "committee",
      "Oracle committee",
      signers ? (
        <>
          {threshold?.toString()} of {signers.length} signers (epoch {epoch?.toString()})
          <ul className="plain">
            {signers.map((s) => (
              <li key={s}>
                <code className="wrap">{s}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        "…"
      ),
      threshold,
    ],
    ["total-gross", "Gross revenue reported (R)", amount(gross.data), gross.data],
    ["total-deposited", "Deposited for contributors (α·R)", amount(deposited.data), deposited.data],
    ["total-claimed", "Claimed by contributors", amount(claimed.data), claimed.data],
    ["held", "Held (deposited while no tokens existed, and division carry)", amount(held.data), held.data],
    ["total-tokens", "Tokens attested (ΣT)", totalTokens.data === undefined ? "…" : formatCount(totalTokens.data), totalTokens.data],
    ["contributors", "Contributors with tokens", logs.data ? String(contributors) : "…", logs.data ? String(contributors) : undefined],
  ];
  return (
    <>
      {(error || logs.error || gross.error) && <ErrorNote error={error ?? logs.error ?? gross.error} />}
      <dl className="overview">
        {rows.map(([id, label, value, exact]) => (
          <div key={id} data-testid={id} data-value={exact === undefined ? undefined : String(exact)}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="charts">
        <StepChart
          title={`Deposits over time (${symbol}, cumulative)`}
          xLabel="block"
          formatY={(y) => formatMoney(BigInt(Math.round(y * unit)), decimals ?? 18)}
          series={[
            { label: "gross revenue R", className: "s2", points: deposits.map((d) => ({ x: Number(d.block), y: Number(d.totalGross) / unit })) },
            { label: "deposited α·R", className: "s1", points: deposits.map((d) => ({ x: Number(d.block), y: Number(d.totalAmount) / unit })) },
          ]}
        />
      </div>
      <section className="history" aria-labelledby="deposits-title">
        <h3 id="deposits-title">Deposits</h3>
        {deposits.length === 0 ? (
          <p className="muted">No deposit yet.</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col">Gross R</th>
                  <th scope="col">Deposited α·R</th>
                  <th scope="col">Transaction</th>
                </tr>
              </thead>
              <tbody>
                {[...deposits].reverse().slice(0, 20).map((d) => (
                  <tr key={d.transactionHash}>
                    <td>{d.block.toString()}</td>
                    <td>{amount(d.gross)}</td>
                    <td>{amount(d.amount)}</td>
                    <td>
                      <TxHash hash={d.transactionHash} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

// The contributor's page: the four figures of the 1TT paper, live from the chain, their earnings
// over time, everyone's shares, one-click claim, the claims history, and their accepted
// submissions with a download of each one's filtered data (decrypted with their reader key).
import { useId, useMemo } from "react";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { factoryAddress, programChainId } from "../config.ts";
import {
  useReadRevenueSplitterClaimable,
  useReadRevenueSplitterClaimed,
  useReadRevenueSplitterShareOf,
  useReadRevenueSplitterTokensOf,
  useReadRevenueSplitterTotalDeposited,
  useReadRevenueSplitterTotalGrossRevenue,
} from "../chain/generated.ts";
import { exactAmount, formatCount, formatMoney, formatPercent, shortHex } from "../chain/format.ts";
import { fraction } from "../../../oracle/protocol/payout.ts";
import { claimsOf, contributorShares, earningsSeries, futureShare } from "../program/history.ts";
import { useFactoryPrograms, useProgramLogs } from "../program/live.ts";
import { useAssetBalance, useProgramBasics } from "../program/useAsset.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { Amount } from "../ui/Amount.tsx";
import { Figure } from "../ui/Figure.tsx";
import { ShareBars } from "../ui/ShareBars.tsx";
import { StepChart } from "../ui/StepChart.tsx";
import { TxHash } from "../ui/TxHash.tsx";
import { ClaimButton } from "./ClaimButton.tsx";
import { BatchClaimButton } from "./BatchClaimButton.tsx";
import { GaslessClaimButton } from "./GaslessClaimButton.tsx";
import { SubmissionsTable } from "../submissions/SubmissionsTable.tsx";
import { WalletButton } from "../wallet/WalletButton.tsx";

export default function ContributorView({ program }: { program: Address }) {
  const { address: account } = useAccount();
  const basics = useProgramBasics(program);
  const logs = useProgramLogs(program);
  const shares = useMemo(() => contributorShares(logs.data ?? []), [logs.data]);

  return (
    <div className="view">
      <h2>Your contribution</h2>
      {!account ? (
        <div className="note">
          <p>Connect the wallet you contribute with to see your tokens, your share and what you can claim.</p>
          <WalletButton />
        </div>
      ) : (
        <ContributorFigures program={program} account={account} />
      )}
      {Boolean(logs.error || basics.error) && <ErrorNote error={logs.error ?? basics.error} />}
      <div className="charts">
        {account && <EarningsChart program={program} account={account} />}
        <ShareBars
          title="Shares of future revenue across contributors"
          rows={shares.map((s) => ({
            key: s.contributor,
            label: shortHex(s.contributor),
            detail: `${formatCount(s.tokens)} tokens`,
            share: s.share,
            highlight: account !== undefined && s.contributor.toLowerCase() === account.toLowerCase(),
          }))}
        />
      </div>
      {account && <ClaimHistory program={program} account={account} />}
      {account && <SubmissionHistory program={program} account={account} />}
    </div>
  );
}

function ContributorFigures({ program, account }: { program: Address; account: Address }) {
  const chainId = programChainId;
  const at = { address: program, chainId } as const;
  const { alphaBps, asset, symbol = "", decimals } = useProgramBasics(program);
  const share = useReadRevenueSplitterShareOf({ ...at, args: [account] });
  const tokens = useReadRevenueSplitterTokensOf({ ...at, args: [account] });
  const gross = useReadRevenueSplitterTotalGrossRevenue(at);
  const deposited = useReadRevenueSplitterTotalDeposited(at);
  const claimable = useReadRevenueSplitterClaimable({ ...at, args: [account] });
  const listing = useFactoryPrograms(factoryAddress);
  const factoryPrograms = useMemo(() => (listing.data ?? []).map((p) => p.program), [listing.data]);
  const claimed = useReadRevenueSplitterClaimed({ ...at, args: [account] });
  const balance = useAssetBalance(asset, account);
  const ready = decimals !== undefined;
  const amount = (v: bigint | undefined) => (v === undefined || !ready ? undefined : `${formatMoney(v, decimals)} ${symbol}`);
  const money = (v: bigint | undefined) => (v === undefined || !ready ? undefined : formatMoney(v, decimals));
  const exact = (v: bigint | undefined) => (v === undefined || !ready ? undefined : `${exactAmount(v, decimals)} ${symbol}`);
  const error = share.error ?? tokens.error ?? gross.error ?? deposited.error ?? claimable.error ?? claimed.error;

  const [myTokens, total] = share.data ?? [];
  const ratio = myTokens === undefined || total === undefined ? undefined : total === 0n ? fraction(0n) : fraction(myTokens, total);
  const future = alphaBps === undefined || myTokens === undefined || total === undefined ? undefined : futureShare(alphaBps, myTokens, total);

  return (
    <>
      {error && <ErrorNote error={error} />}
      <div className="figures">
        <Figure
          id="ratio"
          label="Data Contribution Ratio"
          value={ratio && formatPercent(ratio)}
          exact={share.data ? `${share.data[0]}/${share.data[1]}` : undefined}
          hint={<>T<sub>i</sub> / ΣT: your tokens over all contributors' {total === undefined ? "" : formatCount(total)}</>}
        />
        <Figure id="tokens" label="Contribution Token Count" value={tokens.data === undefined ? undefined : formatCount(tokens.data)} exact={tokens.data} hint={<>T<sub>i</sub>: your tokens that survived filtering and deduplication</>} />
        <Figure id="revenue" label="Current Monetary Revenue" value={money(gross.data)} unit={symbol} exact={gross.data} title={exact(gross.data)} hint={<>gross revenue R reported so far</>}>
          <p className="figure-sub" data-testid="deposited" data-value={deposited.data?.toString()}>
            α·R escrowed: <strong>{amount(deposited.data) ?? "…"}</strong>
            {alphaBps !== undefined && <span className="muted"> (α = {formatPercent(fraction(alphaBps, 10_000n))})</span>}
          </p>
        </Figure>
        <Figure id="claimable" label="Expected Payout" value={money(claimable.data)} unit={symbol} exact={claimable.data} title={exact(claimable.data)} hint="claimable now">
          <p className="figure-sub" data-testid="claimed" data-value={claimed.data?.toString()}>
            claimed so far: <strong>{amount(claimed.data) ?? "…"}</strong>
          </p>
          <p className="figure-sub" data-testid="future-share" data-value={future ? `${future.num}/${future.den}` : undefined}>
            of each future 1 {symbol} of revenue: <strong>{future ? formatPercent(future) : "…"}</strong>
          </p>
        </Figure>
      </div>
      {tokens.data === 0n && (
        <div className="note" data-testid="no-tokens">
          <p>
            <strong>You have no tokens in this program yet.</strong> Contribute a dataset: the tokens that survive filtering and deduplication
            become your share of every deposit made after they are counted.
          </p>
          <a className="button primary" href="#/submit">
            Contribute data
          </a>
        </div>
      )}
      {tokens.data !== undefined && tokens.data > 0n && claimable.data === 0n && claimed.data === 0n && (
        <p className="note" data-testid="earns-from-next-deposit">
          Revenue is shared at each deposit among the tokens counted at that moment: deposits made before your tokens were counted are not
          yours. You earn from the next deposit on.
        </p>
      )}
      <div className="claim-row">
        <ClaimButton program={program} account={account} claimable={claimable.data} label={amount(claimable.data)} />
        <GaslessClaimButton program={program} account={account} claimable={claimable.data} label={amount(claimable.data)} />
        <BatchClaimButton account={account} programs={factoryPrograms} />
        <p className="muted" data-testid="balance" data-value={balance.data?.toString()}>
          Wallet balance: {amount(balance.data) ?? "…"}
        </p>
      </div>
    </>
  );
}

function EarningsChart({ program, account }: { program: Address; account: Address }) {
  const { alphaBps, symbol = "", decimals = 18 } = useProgramBasics(program);
  const logs = useProgramLogs(program);
  const points = useMemo(() => (alphaBps === undefined || !logs.data ? [] : earningsSeries(logs.data, alphaBps, account)), [logs.data, alphaBps, account]);
  const unit = 10 ** decimals;
  const series = [
    { label: "earned (lifetime)", className: "s1", points: points.map((p) => ({ x: Number(p.block), y: Number(p.earned) / unit })) },
    { label: "claimed", className: "s2", points: points.map((p) => ({ x: Number(p.block), y: Number(p.claimed) / unit })) },
  ];
  return <StepChart title={`Your earnings over time (${symbol})`} series={series} xLabel="block" formatY={(y) => formatMoney(BigInt(Math.round(y * unit)), decimals)} />;
}

function ClaimHistory({ program, account }: { program: Address; account: Address }) {
  const { symbol = "", decimals } = useProgramBasics(program);
  const logs = useProgramLogs(program);
  const rows = useMemo(() => claimsOf(logs.data ?? [], account), [logs.data, account]);
  return (
    <section className="history" aria-labelledby="claims-title">
      <h3 id="claims-title">Your claims</h3>
      {rows.length === 0 ? (
        <p className="muted">No claim yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="claims">
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Amount</th>
                <th scope="col">Paid to</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.transactionHash}>
                  <td>{r.block.toString()}</td>
                  <td>{decimals === undefined ? "…" : <Amount units={r.amount} decimals={decimals} symbol={symbol} />}</td>
                  <td>
                    <code title={r.to}>{shortHex(r.to)}</code>
                  </td>
                  <td>
                    <TxHash hash={r.transactionHash} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SubmissionHistory({ program, account }: { program: Address; account: Address }) {
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId}>
      <h3 id={titleId}>Your accepted submissions</h3>
      <SubmissionsTable contributor={account} program={program} empty="No accepted submission at this oracle yet." />
    </section>
  );
}

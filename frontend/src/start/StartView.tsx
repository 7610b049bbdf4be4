// The first page a visitor sees: what 1TT does for each of its three kinds of user, in a few
// lines each, and the page where each one starts.
import type { Address } from "viem";
import { programChainId } from "../config.ts";
import { useReadRevenueSplitterAlphaBps } from "../chain/generated.ts";
import { formatPercent } from "../chain/format.ts";
import { fraction } from "../../../oracle/protocol/payout.ts";

interface Role {
  id: string;
  title: string;
  lines: string[];
  links: { href: string; label: string }[];
}

function roles(alpha: string): Role[] {
  return [
    {
      id: "contributors",
      title: "You have text a language model could learn from",
      lines: [
        "Upload a dataset, signed in with your wallet. An open pipeline filters it and counts the tokens that survive; the report tells you what was removed and why.",
        `The program shares ${alpha} of the revenue it deposits among contributors, by their tokens at each deposit: revenue deposited after your tokens count is shared with you.`,
        "Claim what you earned with your wallet, at any time.",
      ],
      links: [
        { href: "#/submit", label: "Contribute data" },
        { href: "#/contributor", label: "See your earnings" },
      ],
    },
    {
      id: "consumers",
      title: "You train models on contributed data",
      lines: [
        `Deposit the revenue your models earned: the contract keeps ${alpha} of it for contributors and shares it by their token counts.`,
        "Browse the accepted submissions and download and decrypt their filtered data with your reader key.",
      ],
      links: [
        { href: "#/consumer", label: "Deposit revenue" },
        { href: "#/catalogue", label: "Browse the catalogue" },
      ],
    },
    {
      id: "auditors",
      title: "You want to check the numbers",
      lines: [
        "Every count is signed by the oracle committee and every payout follows from the chain's events.",
        "The audit recomputes them from public chain data and the published manifests, here in the page or from the command line.",
      ],
      links: [{ href: "#/audit", label: "Run the audit" }],
    },
  ];
}

export default function StartView({ program }: { program?: Address }) {
  const alphaBps = useReadRevenueSplitterAlphaBps({ address: program, chainId: programChainId, query: { enabled: Boolean(program) } });
  const alpha = alphaBps.data === undefined ? "a fixed part α" : `α = ${formatPercent(fraction(alphaBps.data, 10_000n))}`;
  return (
    <div className="view start">
      <h2>Get paid for the text you contribute, and check every number</h2>
      <p className="lead">
        1TT pays people for the text they give to language models. Contributor i earns R<sub>i</sub> = T<sub>i</sub> / ΣT × R × α: their share of
        the tokens that survive quality filtering and deduplication, times the revenue R the data's consumer deposits, times the part α it promised.
      </p>
      <div className="roles">
        {roles(alpha).map((r) => (
          <section key={r.id} className="role" aria-labelledby={`role-${r.id}`}>
            <h3 id={`role-${r.id}`}>{r.title}</h3>
            {r.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <p className="role-links">
              {r.links.map((l, i) => (
                <a key={l.href} className={i === 0 ? "button primary" : "button"} href={l.href}>
                  {l.label}
                </a>
              ))}
            </p>
          </section>
        ))}
      </div>
    </div>
  );
}

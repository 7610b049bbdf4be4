// The auditor page's pure parts: manifests fetched over HTTP and verified against their CIDs by
// the audit library's readManifest, and the report files.
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../../../oracle/audit/index.ts";
import { ManifestCidMismatchError } from "../../../oracle/manifest/errors.ts";
import { readManifest } from "../../../oracle/manifest/read-manifest.ts";
import { fixtureManifest } from "../../../oracle/manifest/testing.ts";
import { computeCid } from "../../../oracle/store/compute-cid.ts";
import { CidNotFoundError, StoreError } from "../../../oracle/store/errors.ts";
import { encodeJson } from "../../../oracle/store/json.ts";
import { httpManifestStore, manifestUrl, type ManifestSource } from "./manifest-source.ts";
import { CSV_COLUMNS, reportCsv, reportFileName, reportJson } from "./report-files.ts";

const manifest = await fixtureManifest({ tokens: 1_234 });
const canonical = encodeJson(manifest);
const cid = (await computeCid(canonical)).toString();

/** A fetch that answers one URL with `body` (and 404 elsewhere), recording what was asked. */
function serve(url: string, body: string | Uint8Array | null, init: ResponseInit = {}) {
  const asked: string[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return String(input) === url ? new Response(body as BodyInit | null, init) : new Response("not here", { status: 404 });
  }) as typeof fetch;
  return { fetcher, asked };
}

const gateway: ManifestSource = { kind: "gateway", url: "https://gw.example/" };
const oracle: ManifestSource = { kind: "oracle", url: "http://127.0.0.1:4173/oracle" };

describe("manifests over HTTP", () => {
  it("builds the gateway and oracle URLs", () => {
    expect(manifestUrl(gateway, cid)).toBe(`https://gw.example/ipfs/${cid}`);
    expect(manifestUrl(oracle, cid)).toBe(`http://127.0.0.1:4173/oracle/ipfs/${cid}`);
  });

  it("reads a manifest from a gateway byte for byte and checks it against its CID", async () => {
    const { fetcher, asked } = serve(manifestUrl(gateway, cid), canonical);
    expect(await readManifest(httpManifestStore(gateway, fetcher), cid)).toEqual(manifest);
    expect(asked).toEqual([`https://gw.example/ipfs/${cid}`]);
  });

  it("reads a manifest from the oracle's /ipfs byte for byte, and refuses a re-serialized copy", async () => {
    const { fetcher } = serve(manifestUrl(oracle, cid), canonical);
    expect(await readManifest(httpManifestStore(oracle, fetcher), cid)).toEqual(manifest);
    const pretty = serve(manifestUrl(oracle, cid), JSON.stringify(manifest, null, 2));
    await expect(readManifest(httpManifestStore(oracle, pretty.fetcher), cid)).rejects.toBeInstanceOf(ManifestCidMismatchError);
  });

  it("refuses a manifest whose content differs from its CID, from either source", async () => {
    const forged = { ...manifest, tokens: { ...manifest.tokens, cumulative: manifest.tokens.cumulative + 1 } };
    for (const source of [gateway, oracle]) {
      const { fetcher } = serve(manifestUrl(source, cid), encodeJson(forged));
      await expect(readManifest(httpManifestStore(source, fetcher), cid)).rejects.toBeInstanceOf(ManifestCidMismatchError);
    }
  });

  it("reports a missing manifest as not found and an unreachable source as a store error", async () => {
    const { fetcher } = serve("nowhere", null);
    await expect(readManifest(httpManifestStore(gateway, fetcher), cid)).rejects.toBeInstanceOf(CidNotFoundError);
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(readManifest(httpManifestStore(oracle, down), cid)).rejects.toSatisfy((e) => e instanceof StoreError && /does not answer/.test((e as Error).message));
    const busy = serve(manifestUrl(gateway, cid), "busy", { status: 503, statusText: "Service Unavailable" });
    await expect(readManifest(httpManifestStore(gateway, busy.fetcher), cid)).rejects.toSatisfy((e) => e instanceof StoreError && /503/.test((e as Error).message));
  });
});

const report: AuditReport = {
  schema: "1tt/audit@1",
  chainId: 31337,
  splitter: "0xCafac3dD18aC6c6e92c921884f9E4176737C052c",
  fromBlock: "5",
  block: "20",
  ok: false,
  verdict: "failed",
  unverified: [],
  checks: [
    { id: "state", title: "State rebuilt from logs equals the contract's views", status: "pass", figures: { contributors: 2, totalTokens: "4000" }, findings: [], findingCount: 0 },
    {
      id: "manifests",
      title: "Manifests valid, hash-chained, and equal to the attested counts",
      status: "fail",
      figures: { attestedManifests: 2, chainLength: null },
      findings: [
        { code: "manifests.tokens_mismatch", message: 'Manifest bafk… says 0xA has 3,000 "cumulative" tokens,\nbut the attestation set 2999.', subject: "bafkabc" },
        { code: "manifests.unreadable", message: "=HYPERLINK(\"http://evil\")" },
      ],
      findingCount: 3,
    },
    { id: "replay", title: "Replay", status: "skipped", figures: {}, findings: [], findingCount: 0, reason: "Not requested (--replay with a view key)." },
  ],
  timings: { logs: 12 },
};

/** Splits RFC 4180 CSV into rows of cells (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

describe("report files", () => {
  it("writes the JSON the CLI writes: the report plus the RPC calls by method, indented, one final newline", () => {
    const counter = { total: () => 7, byMethod: new Map([["eth_getLogs", 2], ["eth_call", 5]]) };
    const text = reportJson(report, counter);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toBe(`${JSON.stringify({ ...report, rpc: { calls: 7, byMethod: { eth_getLogs: 2, eth_call: 5 } } }, null, 2)}\n`);
  });

  it("writes one CSV row for the audit, one per check and one per finding, escaped", () => {
    const rows = parseCsv(reportCsv(report));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const at = (r: string[], col: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(col)];
    const body = rows.slice(1);
    expect(body.map((r) => `${at(r, "row")}:${at(r, "check")}:${at(r, "status")}`)).toEqual([
      "audit::failed",
      "check:state:pass",
      "check:manifests:fail",
      "finding:manifests:fail",
      "finding:manifests:fail",
      "check:replay:skipped",
    ]);
    for (const r of body) {
      expect(r).toHaveLength(CSV_COLUMNS.length);
      expect(at(r, "splitter")).toBe(report.splitter);
      expect(at(r, "block")).toBe("20");
    }
    expect(JSON.parse(at(body[1], "figures"))).toEqual({ contributors: 2, totalTokens: "4000" });
    expect(at(body[2], "finding_count")).toBe("3");
    expect(at(body[3], "message")).toBe(report.checks[1].findings[0].message); // commas, quotes and a newline survive
    expect(at(body[3], "subject")).toBe("bafkabc");
    expect(at(body[4], "message")).toBe(`'=HYPERLINK("http://evil")`); // not run as a formula by a spreadsheet
    expect(at(body[5], "reason")).toBe("Not requested (--replay with a view key).");
  });

  it("names both files after the chain, the splitter and the block", () => {
    expect(reportFileName(report, "csv")).toBe("1tt-audit-31337-0xcafac3dd18ac6c6e92c921884f9e4176737c052c-20.csv");
  });
});

// @vitest-environment jsdom
// The reports are the real pipeline's (src/test/reports.ts): a contributor's first submission of
// clean prose, then a labelled mix that repeats some of it, in two files with unreadable lines.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, renderHook, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { getAddress } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { pipelineReports } from "../test/context.ts";
import { explainError } from "../ui/errors.ts";
import { useOracleStats, useSubmissions } from "../oracle/jobs.ts";
import { ReportBody, ReportView } from "./ReportView.tsx";

afterEach(cleanup);

const { first, second, secondAsServed, withPii } = pipelineReports();
const n = (x: number) => x.toLocaleString("en-US");
/** The text of the <dd> that follows the <dt> named `term`. */
const definition = (term: string) => screen.getByText(term, { selector: "dt" }).nextElementSibling!.textContent;

describe("ReportBody", () => {
  it("names the submission and shows documents and tokens in and kept", () => {
    render(<ReportBody report={second} accepted />);
    const report = screen.getByRole("article", { name: "Report of submission 1" });
    expect(within(report).getByRole("heading", { level: 3 }).textContent).toBe("Report of this upload");
    expect(within(report).getByTestId("report-sequence").textContent).toBe("Submission #1 in the order the oracle accepted submissions from all contributors.");
    expect(second.documents.out).toBeLessThan(second.documents.in);
    expect(definition("Documents in → kept")).toBe(`${n(second.documents.in)} → ${n(second.documents.out)}`);
    expect(definition("Tokens in → kept")).toBe(`${n(second.tokens.in)} → ${n(second.tokens.out)}`);
    expect(screen.getByTestId("report-tokens").getAttribute("data-value")).toBe(`${second.tokens.in}/${second.tokens.out}`);
    expect(screen.getByText(`Pipeline ${second.pipelineId}`)).toBeTruthy();
  });

  it("gives an upload that was not accepted no submission number: the next accepted upload takes it", () => {
    render(<ReportBody report={second} accepted={false} />);
    const report = screen.getByRole("article", { name: "Report of an upload that was not accepted" });
    const sequence = within(report).getByTestId("report-sequence").textContent!;
    expect(sequence).toBe("Not accepted, so this upload has no submission number: numbers go to accepted submissions only, in the order the oracle accepted them from all contributors.");
    expect(report.textContent).not.toMatch(/Submission #\d/);
  });

  it("counts exact and near duplicates within the upload and against earlier data", () => {
    const d = second.duplicates;
    // The two documents repeated at the end of part-2, and any labelled copy of a document of part-1.
    expect(d.exact.within.documents).toBeGreaterThanOrEqual(2);
    expect(d.exact.across.documents).toBeGreaterThan(0);
    expect(d.near.within.documents + d.near.across.documents).toBeGreaterThan(0);
    render(<ReportBody report={second} accepted />);
    expect(definition("Duplicates (exact / near)")).toBe(
      `within the upload ${d.exact.within.documents} / ${d.near.within.documents}; against earlier data ${d.exact.across.documents} / ${d.near.across.documents}`,
    );
  });

  it("lists each filter's removals, most documents first, with its examples folded until opened", async () => {
    const rules = Object.entries(second.removed).sort(([, a], [, b]) => b.documents - a.documents);
    expect(rules.length).toBeGreaterThan(2);
    render(<ReportBody report={second} accepted />);
    const list = screen.getByText("Removed by the quality filters").nextElementSibling as HTMLElement;
    const items = within(list).getAllByRole("listitem").filter((li) => li.parentElement === list);
    expect(items.map((li) => li.querySelector("summary")!.textContent)).toEqual(rules.map(([rule, t]) => `${rule}: ${n(t.documents)} documents, ${n(t.tokens)} tokens`));

    const [rule, tally] = rules[0];
    const details = items[0].querySelector("details")!;
    expect(details.open).toBe(false);
    await userEvent.click(within(items[0]).getByText(rule));
    expect(details.open).toBe(true);
    const examples = within(details).getAllByRole("listitem");
    expect(examples.map((li) => [li.querySelector(".muted")!.textContent, li.querySelector("blockquote")!.textContent])).toEqual(
      tally.examples.map((e) => [`${e.file}:${e.line}`, e.excerpt]),
    );
  });

  it("explains each rule in plain words under its counts: what it checks, when a document is kept, what to change", () => {
    const rules = Object.keys(second.removed);
    expect(Object.keys(second.explanations ?? {}).sort()).toEqual([...rules].sort());
    render(<ReportBody report={second} accepted />);
    const list = screen.getByText("Removed by the quality filters").nextElementSibling as HTMLElement;
    for (const li of within(list).getAllByRole("listitem").filter((item) => item.parentElement === list)) {
      const rule = li.querySelector("summary code")!.textContent!;
      const e = second.explanations![rule];
      expect(within(li).getByTestId("rule-explanation").textContent).toBe(`${e.checks} Kept when: ${e.threshold}. What to change: ${e.advice}`);
    }
  });

  it("counts the personal data redacted, by type, in words", () => {
    expect(withPii.pii).toEqual({ email: 2, iban: 1, phone: 1 });
    render(<ReportBody report={withPii} accepted />);
    const section = screen.getByRole("region", { name: "Personal data redacted" });
    expect(within(section).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["2 e-mail addresses", "1 IBAN", "1 phone number"]);
  });

  it("shows examples of duplicates with the earlier document they repeat and, for near ones, the similarity", async () => {
    const examples = second.duplicates.examples;
    expect(examples.some((e) => e.jaccard !== undefined)).toBe(true);
    render(<ReportBody report={second} accepted />);
    await userEvent.click(screen.getByText(`Duplicate examples (${examples.length})`));
    const shown = within(screen.getByText(`Duplicate examples (${examples.length})`).closest("details")!).getAllByRole("listitem");
    expect(shown.map((li) => li.querySelector(".muted")!.textContent)).toEqual(
      // Within the upload, the original's file and line; earlier data only by its place in the log, numbered from 1 as lines are.
      examples.map((e) => {
        const original = e.of.submission === 1 ? `${e.original!.file}:${e.original!.line} earlier in this upload` : `data accepted earlier: submission #${e.of.submission}, document ${e.of.document + 1}`;
        return `${e.file}:${e.line} duplicates ${original}${e.jaccard === undefined ? "" : ` (similarity ${e.jaccard.toFixed(2)})`}`;
      }),
    );
    expect(shown.map((li) => li.querySelector("blockquote")?.textContent ?? "")).toEqual(examples.map((e) => e.excerpt));
  });

  it("names the file and line of the contributor's own earlier document a duplicate repeats, as the oracle serves it", async () => {
    const examples = secondAsServed.duplicates.examples;
    const ofFirst = examples.filter((e) => e.of.submission === 0);
    expect(ofFirst.length).toBeGreaterThan(0);
    render(<ReportBody report={secondAsServed} accepted />);
    await userEvent.click(screen.getByText(`Duplicate examples (${examples.length})`));
    const shown = within(screen.getByText(`Duplicate examples (${examples.length})`).closest("details")!).getAllByRole("listitem").map((li) => li.querySelector(".muted")!.textContent!);
    for (const e of ofFirst) expect(shown).toContain(`${e.file}:${e.line} duplicates earlier.jsonl:${e.original!.line} of your submission #0${e.jaccard === undefined ? "" : ` (similarity ${e.jaccard.toFixed(2)})`}`);
    expect(shown.join("\n")).not.toMatch(/submission #0, document/);
  });

  it("quotes nothing where the report holds no excerpt, instead of an empty quote", () => {
    const bare = { ...second, duplicates: { ...second.duplicates, examples: second.duplicates.examples.map((e) => ({ ...e, excerpt: "" })) } };
    render(<ReportBody report={bare} accepted />);
    const details = screen.getByText(`Duplicate examples (${bare.duplicates.examples.length})`).closest("details")!;
    expect(details.querySelectorAll("blockquote")).toHaveLength(0);
    expect(within(details).getAllByRole("listitem")).toHaveLength(bare.duplicates.examples.length);
  });

  it("says how many unreadable lines were skipped, by kind", () => {
    render(<ReportBody report={second} accepted />);
    expect(screen.getByText(/unreadable lines were skipped/).textContent).toBe("2 unreadable lines were skipped (bad_json: 1, missing_field: 1).");
  });

  it("says so when no filter removed anything and shows no empty sections", () => {
    expect(first.removed).toEqual({});
    expect(first.duplicates.examples).toEqual([]);
    render(<ReportBody report={first} accepted />);
    expect(screen.getByText("No document removed by a filter.")).toBeTruthy();
    expect(screen.queryByText(/Duplicate examples/)).toBeNull();
    expect(screen.queryByText(/unreadable lines/)).toBeNull();
    expect(first.pii).toEqual({});
    expect(within(screen.getByTestId("report-pii")).getByText("No personal data found.")).toBeTruthy();
    expect(definition("Documents in → kept")).toBe(`${n(first.documents.in)} → ${n(first.documents.out)}`);
  });
});

const withQueries = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;

describe("ReportView", () => {
  it("says the oracle session has ended when the oracle will not hand over the report", async () => {
    render(<ReportView jobId={crypto.randomUUID()} accepted />, { wrapper: withQueries });
    expect(screen.getByText("Loading the report…").getAttribute("aria-busy")).toBe("true");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Your oracle session has ended.");
    expect(alert.textContent).toContain("Sign in again with your wallet.");
  });
});

describe("the oracle's public answers (jobs.ts)", () => {
  it("runs the pipeline these reports were made with", async () => {
    const { result } = renderHook(() => useOracleStats(), { wrapper: withQueries });
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(result.current.data!.pipelineId).toBe(second.pipelineId);
  });

  it("lists no submission for a contributor who has none", async () => {
    const contributor = getAddress("0x00000000000000000000000000000000000000aa");
    const { result } = renderHook(() => useSubmissions(contributor), { wrapper: withQueries });
    await waitFor(() => expect(result.current.isPending).toBe(false), { timeout: 5_000 });
    expect(result.current.error).toBeNull();
    expect(result.current.data).toEqual({ contributor, cumulativeTokens: 0, submissions: [] });
  });

  it("passes on the oracle's refusal with its hint", async () => {
    const { result } = renderHook(() => useSubmissions("0x00000000000000000000000000000000000000aA"), { wrapper: withQueries });
    await waitFor(() => expect(result.current.error).toBeTruthy(), { timeout: 5_000 });
    expect(explainError(result.current.error)).toMatchObject({
      title: "The oracle refused: 0x00000000000000000000000000000000000000aA is not a valid address (its checksum is wrong).",
      action: "Use the address as the wallet shows it, or all lower case.",
    });
  });
});

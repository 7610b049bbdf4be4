// Submission reports made by the real pipeline (oracle/pipeline/run) from the pipeline's labelled
// test-set generator, for the report view's tests.
import { DedupIndex } from "../../../oracle/pipeline/dedup/index.ts";
import type { RunInput } from "../../../oracle/pipeline/run/run.ts";
import type { Report } from "../../../oracle/protocol/report.ts";
import { collect, jsonlInput } from "../../../oracle/pipeline/run/testing.ts";
import { generateTestSet, type TestSetSizes } from "../../../oracle/pipeline/testset/generate.ts";

export interface PipelineReports {
  /** A contributor's first submission: clean prose only. */
  first: Report;
  /**
   * Their second: a labelled mix (boilerplate, repetition, non-English, exact and near duplicates)
   * in two files, repeating four documents of the first and two of its own, with two unreadable lines.
   */
  second: Report;
  /** The second as the oracle serves it to its contributor: each duplicate of the first names that document's file and line. */
  secondAsServed: Report;
  /** Three prose documents carrying two e-mail addresses (non-ASCII), a phone number and an IBAN. */
  withPii: Report;
}

const SIZES: TestSetSizes = { clean: 16, boilerplate: 4, repetition: 4, nonEnglish: 3, exactDuplicates: 3, nearDuplicates: 2, nearDuplicateTargets: [0.9] };

function bytesInput(name: string, text: string): RunInput {
  async function* once() {
    yield new TextEncoder().encode(text);
  }
  return { source: once(), name };
}

/** Prose documents of the labelled test set, for files a contributor picks in the page's tests. */
export function sampleDocuments(): string[] {
  return [...generateTestSet(13, { ...SIZES, boilerplate: 0, repetition: 0, nonEnglish: 0, exactDuplicates: 0, nearDuplicates: 0 })].map((d) => d.text);
}

export async function pipelineReports(): Promise<PipelineReports> {
  const set = [...generateTestSet(11, SIZES)];
  const clean = set.filter((d) => d.label === "clean").map((d) => d.text);
  const rest = set.filter((d) => d.label !== "clean").map((d) => d.text);
  const index = new DedupIndex();
  const first = await collect([jsonlInput("earlier.jsonl", clean.slice(0, 8))], { index, sequence: 0 });
  const second = await collect(
    [
      jsonlInput("part-1.jsonl", [...clean.slice(4, 12), ...rest.slice(0, Math.ceil(rest.length / 2))]),
      // Ends with two documents twice over (duplicates within the upload) and two unreadable lines.
      bytesInput(
        "part-2.jsonl",
        [...rest.slice(Math.ceil(rest.length / 2)), clean[12], clean[13], clean[12], clean[13]].map((text) => JSON.stringify({ text })).concat(["{not json", JSON.stringify({ body: "no text field" })]).join("\n") + "\n",
      ),
    ],
    { index, sequence: 1 },
  );
  const docs = sampleDocuments().slice(0, 3);
  docs[0] += " Write to hans.müller@firma.de or to zoë.smith@gmail.com with questions.";
  docs[1] += " Call +44 20 7946 0958 after six, or pay into DE89 3704 0044 0532 0130 00.";
  const withPii = await collect([jsonlInput("pii.jsonl", docs)], { index: new DedupIndex(), sequence: 0 });
  // earlier.jsonl holds one document per line: the kept ones, in order, are the first's documents.
  const kept = first.outcomes.flatMap((o, i): [number, number][] => (o.kind === "kept" ? [[0, i + 1]] : []));
  // As the oracle serves it to the same contributor: each duplicate of the first upload names its
  // file and line (the oracle's own rule is tested with the service).
  const original = (document: number) => ({ file: "earlier.jsonl", line: kept[document]![1] });
  const examples = second.report.duplicates.examples.map((e) => (e.of.submission === 0 ? { ...e, original: original(e.of.document) } : e));
  const secondAsServed = { ...second.report, duplicates: { ...second.report.duplicates, examples } };
  return { first: first.report, second: second.report, secondAsServed, withPii: withPii.report };
}

// The demonstration's datasets: realistic English prose from the pipeline's labelled test-set
// generator (paragraphs of the Markdown documentation of pinned packages, with the boilerplate,
// repetition, other-language and duplicate documents a real crawl has), so the reports show
// the filters at work. Sizes differ so the contributors' shares differ. Deterministic.
import { generateTestSet, type TestSetSizes } from "../../oracle/pipeline/testset/generate.ts";

export interface DemoFile {
  name: string;
  data: string;
}

const jsonl = (seed: number, sizes: TestSetSizes): string =>
  [...generateTestSet(seed, sizes)].map((d) => JSON.stringify({ text: d.text })).join("\n") + "\n";

const sizes = (clean: number): TestSetSizes => ({
  clean, boilerplate: 4, repetition: 4, nonEnglish: 4, exactDuplicates: 3, nearDuplicates: 2, nearDuplicateTargets: [0.9],
});

/** One upload per seeded contributor, in the order of CONTRIBUTORS. */
export function demoDatasets(): DemoFile[][] {
  const second = jsonl(202, sizes(40)).split("\n").filter(Boolean);
  const half = Math.ceil(second.length / 2);
  return [
    [{ name: "field-notes.jsonl", data: jsonl(101, sizes(24)) }],
    [
      { name: "handbook-part-1.jsonl", data: second.slice(0, half).join("\n") + "\n" },
      { name: "handbook-part-2.jsonl", data: second.slice(half).join("\n") + "\n" },
    ],
    [{ name: "essays.jsonl", data: jsonl(303, sizes(12)) }],
  ];
}

// The findings that the prose preset answers, each as a data engineer expects it to behave.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DocumentProcessor } from "../process.ts";
import { FineWebQualityFilter } from "./fineweb-quality.ts";
import { LayoutTransform } from "./layout.ts";

const prose = await DocumentProcessor.create({ preset: "prose", dedup: { enabled: false }, pii: { enabled: false } });
const decide = (text: string) => {
  const r = prose.processBatch([text]);
  return { removedBy: r.removedBy[0], text: r.texts[0] };
};

const TUTORIAL = `Getting Started with unit tests

A unit test exercises one function in isolation. The framework runs each test case in its own
context, collects the results and prints a summary at the end, so a failing case never hides
the cases after it.

To write a test, declare a test case function that receives the test context, and call the
expectation macros inside it:

\`\`\`c
static void add_test_basic(struct test *test)
{
	EXPECT_EQ(test, 1, add(1, 0));
	EXPECT_EQ(test, 2, add(1, 1));
}
\`\`\`

Then list the case in a suite, and register the suite so that the runner can find it:

\`\`\`c
static struct test_case add_cases[] = {
	TEST_CASE(add_test_basic),
	{}
};
\`\`\`

Build the tests with the configuration option enabled and boot the kernel, or run them under
the user-mode wrapper. Each suite prints one line per case and a total. When a case fails,
the message names the expectation, the file and the line, and the values on both sides.`;

const FOLDOC = `input/output processor

   (IOP) A specialised {processor} that moves data between main
   {memory} and peripherals, so that the central processor does not
   wait for slow devices. Mainframes used several of them, often
   called channels, each running its own simple {program} of
   transfer commands. Compare {I/O processors}, {DMA}, and
   {peripheral interface}. The design survives in modern controllers,
   which take a list of transfers and raise an interrupt when the
   whole list is done, instead of one interrupt per word.

(1996-03-12)`;

const WRAPPED = `The committee meets every month to review the contributions that
arrived since the last meeting. Each member reads the report of the
pipeline and checks that the counts follow from the published data.
When two members disagree, they replay the submission from its raw
data and compare the outputs byte for byte, which settles the matter.

Contributors are paid in proportion to the tokens that survive the
filters. A document removed by a rule earns nothing, so every rule
must be one that a careful engineer would defend in front of the
person who wrote the text.`;

describe("prose preset: the issue's findings", () => {
  it("keeps a tutorial whose code examples contain curly brackets (C4's rule would remove it)", () => {
    assert.equal(decide(TUTORIAL).removedBy, null);
    assert.match(decide(TUTORIAL).text ?? "", /\t\{\}\n\};/, "the code example is published whole");
  });

  it("keeps a dictionary entry with FOLDOC's {cross-reference} markup", () => {
    assert.equal(decide(FOLDOC).removedBy, null);
  });

  it("keeps hard-wrapped prose, and no wrapped sentence loses its last words", () => {
    const { removedBy, text } = decide(WRAPPED);
    assert.equal(removedBy, null);
    assert.equal(text?.split(/\s+/).join(" "), WRAPPED.split(/\s+/).join(" "));
    const tail = WRAPPED.replace("which settles the matter.", "which settles the\nmatter.");
    assert.match(decide(tail).text ?? "", /which settles the matter\./);
  });

  it("keeps the tail of a sentence wrapped in columns too narrow to re-flow", () => {
    const narrow = "The committee meets every\nmonth to review the work that\narrived since the last\nmeeting.";
    const doc = `${WRAPPED}\n\n${narrow}`;
    const { removedBy, text } = decide(doc);
    assert.equal(removedBy, null);
    assert.match(text ?? "", /arrived since the last\nmeeting\.$/);
  });

  it("keeps one paragraph of ordinary prose sent as one JSONL record", () => {
    const paragraph =
      "The library reads the configuration file once, at start-up, and keeps it in memory for the life of the process. " +
      "Changing the file while the service runs has no effect until it restarts, which is deliberate: a half-written file " +
      "can never be read, and every request in one run sees the same settings from the first to the last.";
    assert.equal(decide(paragraph).removedBy, null);
  });

  it("removes YAML left over in a contribution", () => {
    const yaml = `name: CI
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node-version: [18, 20, 22]
    steps:
      - uses: actions/checkout@v4
      - name: Install the dependencies of the project and run the tests
        run: npm ci && npm test`;
    assert.equal(decide(yaml).removedBy, "data_lines:key_value_lines");
  });

  it("removes a fragment cut from a reference list", () => {
    assert.notEqual(decide("Proceedings of the annual meeting, Simon Fraser University, Burnaby, BC, Canada, p.").removedBy, null);
  });
});

describe("FineWeb's line rules and blank lines", () => {
  const filter = new FineWebQualityFilter();
  const reference = new FineWebQualityFilter({ countBlankLines: true });
  // After C4's line filter, which FineWeb ran first, kept lines are joined by one "\n".
  const c4Joined = (text: string) => text.split("\n").filter((l) => l.trim().length > 0).join("\n");

  it("decide a text with paragraph breaks as datatrove decides the same text after C4's join", () => {
    const docs = [
      WRAPPED,
      "One short line.\n\nAnother short line.\n\nA third one here.\n\nAnd a fourth line.",
      "A line without an end\n\nanother one without\n\nand a third one\n\nbut this one ends.",
      "Heading\n\nThis paragraph is long enough to count as a line of prose and it ends properly.\n\nAnother paragraph of the same kind follows here, and it ends properly as well.",
    ];
    for (const d of docs) assert.equal(filter.check(d), reference.check(c4Joined(d)), d);
  });

  it("no longer removes prose for its blank lines: each break was one more short line without punctuation", () => {
    const text =
      "Background\n\nThe first paragraph of prose, long enough and ending in a full stop.\n\n" +
      "Method\n\nThe second paragraph of prose, long enough and ending in a full stop.";
    assert.equal(filter.check(text), null);
    assert.equal(reference.check(text), "fineweb_quality:short_line_ratio");
  });
});

describe("layout: what is re-flowed and what is left alone", () => {
  const layout = new LayoutTransform();
  const apply = (text: string) => layout.apply(text, {});

  it("joins the lines of a hard-wrapped paragraph with one space", () => {
    assert.equal(apply(WRAPPED.split("\n\n")[1]), WRAPPED.split("\n\n")[1].replaceAll("\n", " "));
  });

  it("leaves lists, code, data lines, short lines and lines of dialogue as they are", () => {
    const untouched = [
      "The steps to follow before the release is published are these:\n- build the package from a clean checkout\n- run every test",
      "```\nconst total = contributions.reduce((sum, c) => sum + c.tokens, 0);\nreturn total;\n```",
      "name: the build of the project on every push\nversion: 1.2.3\ndescription: the pipeline",
      "Roses are red\nViolets are blue",
      "Alice: Did you see the report that the committee published this morning?\nBob: I did, and the counts match what I computed myself.",
      "Is the count the same on every machine that replays the submission?\nYes, byte for byte, because the pipeline is deterministic.",
    ];
    for (const t of untouched) assert.equal(apply(t), t);
  });
});

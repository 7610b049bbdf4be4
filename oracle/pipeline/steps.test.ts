import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkConfigShape, ConfigError } from "./config.ts";
import { DocumentProcessor } from "./process.ts";
import { DEFAULT_STEPS, type StepName } from "./steps.ts";
import { collect, jsonlInput } from "./run/testing.ts";
import { generateTestSet } from "./testset/generate.ts";

const texts = [...generateTestSet(11, { clean: 40, boilerplate: 10, repetition: 10, nonEnglish: 10, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })].map((d) => d.text);
const create = async (config: object) => DocumentProcessor.create(checkConfigShape(config));

describe("the pipeline's steps", () => {
  it("run in the configured order, and the default order is the one every earlier pipeline id was computed for", async () => {
    const byDefault = await create({});
    const listed = await create({ steps: [...DEFAULT_STEPS] });
    assert.equal(listed.pipeline.id.id, byDefault.pipeline.id.id);
    const untimed = (r: ReturnType<DocumentProcessor["processBatch"]>) => ({ ...r, steps: r.steps.map((s) => ({ ...s, ms: 0 })) });
    assert.deepEqual(untimed(listed.processBatch(texts)), untimed(byDefault.processBatch(texts)));
    assert.deepEqual(byDefault.pipeline.steps, [
      "normalize", "tokens_in", "language", "layout", "c4_lines", "c4_quality", "data_lines",
      "gopher_quality", "fineweb_quality", "gopher_repetition", "dedup", "pii", "tokens_out",
    ]);
  });

  it("name a new pipeline when reordered, and a reordered pipeline decides by its own order", async () => {
    const byDefault = await create({});
    const order: StepName[] = DEFAULT_STEPS.filter((s) => s !== "language");
    order.splice(order.indexOf("dedup"), 0, "language");
    const reordered = await create({ steps: order });
    assert.notEqual(reordered.pipeline.id.id, byDefault.pipeline.id.id);
    const stat = (p: DocumentProcessor, name: string) => p.processBatch(texts).steps.find((s) => s.name === name)!;
    assert.equal(stat(byDefault, "language").documentsIn, texts.length);
    assert.ok(stat(reordered, "language").documentsIn < texts.length, "language now judges only what the other rules kept");
    assert.ok(stat(reordered, "gopher_quality").documentsIn > stat(byDefault, "gopher_quality").documentsIn);
  });

  it("count documents in and out and removals by rule for each step, consistently from one step to the next", async () => {
    const r = (await create({})).processBatch(texts);
    assert.equal(r.steps[0].documentsIn, texts.length);
    for (let i = 1; i < r.steps.length; i++) assert.equal(r.steps[i].documentsIn, r.steps[i - 1].documentsOut, r.steps[i].name);
    for (const s of r.steps) {
      const removed = Object.values(s.removed).reduce((n, k) => n + k, 0);
      assert.equal(s.documentsIn - s.documentsOut, removed, s.name);
      assert.ok(s.ms >= 0);
    }
    const removedByRule: Record<string, number> = {};
    for (const rule of r.removedBy) if (rule) removedByRule[rule] = (removedByRule[rule] ?? 0) + 1;
    assert.deepEqual(Object.assign({}, ...r.steps.map((s) => s.removed)), removedByRule);
    assert.equal(r.steps.at(-1)!.documentsOut, r.removedBy.filter((x) => x === null).length);
  });

  it("refuse an order that is not one: unknown or repeated steps, normalize not first, an enabled step left out", async () => {
    const refused: [object, RegExp][] = [
      [{ steps: "normalize" }, /config\.steps must be a list of step names/],
      [{ steps: ["normalize", "spellcheck"] }, /unknown step "spellcheck"/],
      [{ steps: ["normalize", "pii", "pii"] }, /"pii" is listed twice/],
      [{ steps: ["pii", ...DEFAULT_STEPS.filter((s) => s !== "pii")] }, /must start with "normalize"/],
      [{ steps: [] }, /must start with "normalize"/],
      [{ steps: DEFAULT_STEPS.filter((s) => s !== "pii") }, /leaves out "pii", which is enabled.*disable it in its section/],
    ];
    for (const [config, message] of refused) {
      await assert.rejects(create(config), (e: Error) => e instanceof ConfigError && message.test(e.message), JSON.stringify(config));
    }
    const withoutPii = await create({ steps: DEFAULT_STEPS.filter((s) => s !== "pii"), pii: { enabled: false } });
    assert.ok(!withoutPii.pipeline.steps.includes("pii"));
  });

  it("add up over a run to the same documents and removals with one worker or two", async () => {
    const untimed = (r: Awaited<ReturnType<typeof collect>>) => r.steps.map(({ ms: _time, ...counts }) => counts);
    const one = await collect([jsonlInput("set.jsonl", texts)], { workers: 1 });
    const two = await collect([jsonlInput("set.jsonl", texts)], { workers: 2, batchChars: 5000 });
    assert.deepEqual(untimed(two), untimed(one));
    assert.equal(one.steps[0].documentsIn, texts.length);
    const d = one.report.duplicates;
    const duplicates = [d.exact, d.near, d.passages].reduce((n, k) => n + k.within.documents + k.across.documents, 0);
    assert.equal(one.steps.at(-1)!.documentsOut, one.report.documents.out + duplicates, "what passes every step is kept or removed as a duplicate");
  });
});

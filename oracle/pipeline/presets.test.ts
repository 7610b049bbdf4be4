import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkConfigShape, ConfigError } from "./config.ts";
import { DocumentProcessor } from "./process.ts";
import { PRESETS } from "./presets.ts";

const processors = Object.fromEntries(
  await Promise.all(PRESETS.map(async (p) => [p, await DocumentProcessor.create({ preset: p, dedup: { enabled: false }, pii: { enabled: false } })] as const)),
);
const removedBy = (preset: string, text: string) => processors[preset].processBatch([text]).removedBy[0];

const INTERVIEW = [
  "Q: Ready?",
  "A: Almost.",
  "Q: When did you start collecting the recordings for the archive?",
  "A: In the spring of 2019, after the first workshop.",
  "Q: Alone?",
  "A: No.",
  "Q: Who transcribed them, then?",
  "A: Two students from the linguistics department, paid by the hour.",
  "Q: Consent?",
  "A: Yes, every one of them signed a form before the recording started.",
  "Q: Stored where?",
  "A: On the university's archive server, with a copy kept offline.",
].join("\n");

const SOURCE = `import { readFileSync } from "node:fs";

export function totalTokens(path) {
  const lines = readFileSync(path, "utf8").split("\\n");
  let total = 0;
  for (const line of lines) {
    if (line.length === 0) continue;
    total += JSON.parse(line).tokens;
  }
  return total;
}
`;

describe("presets", () => {
  it("give each preset its own pipeline id, and prose is the default", async () => {
    const ids = PRESETS.map((p) => processors[p].pipeline.id.id);
    assert.equal(new Set(ids).size, PRESETS.length);
    const byDefault = await DocumentProcessor.create({ dedup: { enabled: false }, pii: { enabled: false } });
    assert.equal(byDefault.pipeline.id.id, processors.prose.pipeline.id.id);
    assert.equal(byDefault.pipeline.config.preset, "prose");
  });

  it("refuse an unknown preset with the list of known ones", () => {
    assert.throws(() => checkConfigShape({ preset: "poetry" }), (e: Error) => e instanceof ConfigError && /preset must be one of prose, code, dialogue \(got "poetry"\)/.test(e.message));
  });

  it("dialogue keeps an interview of short turns whole; prose removes it or cuts its short turns", () => {
    const prose = processors.prose.processBatch([INTERVIEW]);
    assert.ok(prose.removedBy[0] !== null || prose.texts[0] !== INTERVIEW);
    const dialogue = processors.dialogue.processBatch([INTERVIEW]);
    assert.equal(dialogue.removedBy[0], null);
    assert.equal(dialogue.texts[0], INTERVIEW);
  });

  it("code keeps a source file that prose removes, and publishes it unchanged", () => {
    assert.notEqual(removedBy("prose", SOURCE), null);
    assert.equal(removedBy("code", SOURCE), null);
    assert.equal(processors.code.processBatch([SOURCE]).texts[0], SOURCE.trimEnd());
  });

  it("let a config's own sections apply over its preset", async () => {
    const p = await DocumentProcessor.create({ preset: "dialogue", quality: { gopherQuality: { minDocWords: 200 } } });
    assert.equal(p.processBatch([INTERVIEW]).removedBy[0], "gopher_quality:short_doc");
  });
});

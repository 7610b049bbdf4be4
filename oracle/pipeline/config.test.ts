import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkConfigShape, ConfigError } from "./config.ts";
import { DocumentProcessor } from "./process.ts";

const readmeExample = (): unknown => {
  const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
  const block = /```json\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "the README shows an example configuration");
  return JSON.parse(block[1]);
};

describe("pipeline configuration", () => {
  it("accepts the example configuration the README shows", async () => {
    const processor = await DocumentProcessor.create(checkConfigShape(readmeExample()));
    assert.match(processor.pipeline.id.id, /^1tt-pipeline@[\d.]+\+o200k_base@tiktoken-[\d.]+\+cfg\.[0-9a-f]{16}$/);
  });

  it("gives a different pipeline id for any change that can change the output, and the same id otherwise", async () => {
    const id = async (config: object) => (await DocumentProcessor.create(checkConfigShape(config))).pipeline.id.id;
    const base = await id({});
    assert.equal(await id({}), base);
    assert.equal(await id({ quality: { gopherQuality: {} } }), base, "an empty override changes nothing");
    const changed = await Promise.all([
      id({ tokenizer: { encoding: "cl100k_base" } }),
      id({ dedup: { threshold: 0.8 } }),
      id({ quality: { gopherQuality: { minDocWords: 40 } } }),
      id({ quality: { gopherRepetition: false } }),
      id({ pii: { enabled: false } }),
      id({ read: { textField: "body" } }),
      id({ normalize: { maxBlankLines: 2 } }),
    ]);
    assert.equal(new Set([base, ...changed]).size, changed.length + 1);
  });

  it("refuses unknown sections and keys, and bad values, naming where they are", async () => {
    const refused: [unknown, RegExp][] = [
      [[], /must be a JSON object/],
      [{ filters: {} }, /unknown section "filters"/],
      [{ dedup: { bandz: 3 } }, /config\.dedup\.bandz is not a known option/],
      [{ tokenizer: { encoding: "p50k" } }, /config\.tokenizer/],
      [{ dedup: { threshold: 2 } }, /threshold/],
      [{ quality: { gopherQuality: { minDocWords: "many" } } }, /minDocWords/],
      [{ read: { textMode: "pages" } }, /textMode/],
    ];
    for (const [config, message] of refused) {
      await assert.rejects(
        (async () => DocumentProcessor.create(checkConfigShape(config)))(),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
        JSON.stringify(config),
      );
    }
  });
});

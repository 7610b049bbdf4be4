// The pipeline's blocks as steps (steps.ts): each adapts one block (normalizer, quality filter or
// transform, dedup fingerprint, PII redaction, token counter) to the per-document state.
import type { Filter, Transform } from "./block.ts";
import { fillerRule } from "./dedup/filler.ts";
import type { Fingerprinter } from "./dedup/fingerprint.ts";
import { isFilter, type QualityBlock } from "./filter/chain.ts";
import type { DocumentState, Step } from "./steps.ts";
import { PieceTooLongError, type TokenCounter } from "./tokenize/counter.ts";

/** The rule of a document the counter refuses (one piece over MAX_PIECE_BYTES). */
export const PIECE_TOO_LONG = "tokenizer:piece_too_long";

/** A transform (normalization, a line rule, PII redaction): its counts are the batch's, by its name. */
export function transformStep(transform: Transform): Step {
  return {
    name: transform.name,
    run(doc, transforms) {
      doc.text = transform.apply(doc.text, (transforms[transform.name] ??= {}));
      return null;
    },
  };
}

export function filterStep(filter: Filter): Step {
  return { name: filter.name, run: (doc) => filter.check(doc.text) };
}

export function qualityStep(block: QualityBlock): Step {
  return isFilter(block) ? filterStep(block) : transformStep(block);
}

/** Tokens in: counted on the normalized text, before any rule changed or removed it. */
export function tokensInStep(counter: TokenCounter): Step {
  return {
    name: "tokens_in",
    run(doc) {
      doc.counted = doc.text;
      try {
        doc.tokensIn = counter.count(doc.text);
        return null;
      } catch (e) {
        if (!(e instanceof PieceTooLongError)) throw e;
        doc.tokensIn = 0;
        return PIECE_TOO_LONG;
      }
    },
  };
}

/** Fingerprint (exact hash, MinHash, sampled passages) and the filler checks that share its figures. */
export function dedupStep(fingerprinter: Fingerprinter): Step {
  return {
    name: "dedup",
    run(doc: DocumentState) {
      doc.analysis = fingerprinter.analyze(doc.text);
      doc.fingerprinted = doc.text;
      return fillerRule(doc.analysis.filler);
    },
  };
}

/** PII redaction: its counts are per document (the report sums them over kept documents only). */
export function piiStep(pii: Transform): Step {
  return {
    name: pii.name,
    run(doc) {
      const counts: Record<string, number> = {};
      const out = pii.apply(doc.text, counts);
      if (out !== doc.text) doc.pii = counts;
      doc.text = out;
      return null;
    },
  };
}

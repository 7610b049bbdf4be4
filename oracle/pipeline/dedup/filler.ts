// Cheap filler that passes the quality filters (threat model, family 5), judged from the figures
// the passage sampling already gathers (passages.ts), so it costs no extra pass over the text.
//   - repeated passages: a paragraph pasted again and again with small changes. Exact repeats are
//     the Gopher repetition filter's; here a share of the sampled 4-word passages that occur
//     earlier in the same document. English prose repeats under 5% of them.
//   - shuffled words: real words in random order. An article ("the", "a", "an") is followed by a
//     function word ("of", "and", "is"...) in under 2% of cases in English prose (documentation with code names reaches 15%), and in about
//     30% when words are shuffled.
import type { FillerStats } from "./passages.ts";

export const REPEATED_PASSAGES = "filler:repeated_passages";
export const SHUFFLED_WORDS = "filler:shuffled_words";

/** Below these, the figures say too little to judge. */
const MIN_SAMPLES = 12;
const MIN_ARTICLES = 10;
const MAX_REPEATED_SHARE = 0.3;
const MAX_ARTICLE_THEN_FUNCTION_WORD = 0.2;

/** The rule the document breaks, or null. */
export function fillerRule(stats: FillerStats): string | null {
  if (stats.sampled >= MIN_SAMPLES && stats.repeated > MAX_REPEATED_SHARE * stats.sampled) return REPEATED_PASSAGES;
  if (stats.articles >= MIN_ARTICLES && stats.articleThenFunctionWord > MAX_ARTICLE_THEN_FUNCTION_WORD * stats.articles) {
    return SHUFFLED_WORDS;
  }
  return null;
}

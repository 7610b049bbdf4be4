import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { C4LineTransform, C4QualityFilter } from "./c4.ts";
import { sentences } from "./test-helpers.ts";

const t = new C4LineTransform();
const q = new C4QualityFilter();
const run = (text: string, tr = t) => {
  const counts: Record<string, number> = {};
  return { text: tr.apply(text, counts), counts };
};

describe("c4_lines (transform)", () => {
  it("keeps prose lines untouched", () => {
    const text = sentences(5).join("\n");
    assert.equal(run(text).text, text);
  });

  it("drops a line without terminal punctuation or ending in '...', keeps one ending in . ? ! \" '", () => {
    const r = run("No end here\nTrailing dots here...\nAn end here.\nA question here?\nShe said \"yes indeed\"\nIt's 'quoted here'");
    assert.equal(r.text, "An end here.\nA question here?\nShe said \"yes indeed\"\nIt's 'quoted here'");
    assert.equal(r.counts.no_terminal_punct, 2);
    assert.equal(run('He said "go now."\nHe said \'go now.\'').text, 'He said "go now."\nHe said \'go now.\'');
  });

  it("drops a line of 2 words, keeps one of 3", () => {
    const r = run("Two words.\nThree words here.");
    assert.equal(r.text, "Three words here.");
    assert.equal(r.counts.too_few_words, 1);
  });

  it("drops a line with a word longer than maxWordLength (override 10)", () => {
    const r = run("abcdefghijk is too long.\nabcdefghij is just fine.", new C4LineTransform({ maxWordLength: 10 }));
    assert.equal(r.text, "abcdefghij is just fine.");
    assert.equal(r.counts.too_long_word, 1);
  });

  it("drops lines mentioning javascript or a policy phrase, any case", () => {
    const r = run("Please enable JavaScript to continue.\nRead our Privacy Policy today.\nThis site USES COOKIES for you.\nA plain line stays.");
    assert.equal(r.text, "A plain line stays.");
    assert.equal(r.counts.javascript, 1);
    assert.equal(r.counts.policy, 2);
  });

  it("finds a phrase that removing a citation mark joined, or written in any case, or a configured phrase beyond ASCII", () => {
    assert.equal(run("We use Java[1]Script on every page of this site.").counts.javascript, 1);
    assert.equal(run("Read our PRIVACY Policy before you go on.").counts.policy, 1);
    const custom = new C4LineTransform({ policyPhrases: ["ΌΡΟΙ ΧΡΉΣΗΣ"] });
    assert.equal(run("Οι όροι χρήσης ισχύουν για κάθε επισκέπτη.", custom).counts.policy, 1);
  });

  it("removes citation marks before the punctuation test", () => {
    const r = run("A known fact.[1]\nAnother fact here.[citation needed]\nEdited here too.[edit]");
    assert.equal(r.text, "A known fact.\nAnother fact here.\nEdited here too.");
    assert.equal(r.counts.citations, 3);
  });

  it("keeps one blank line between kept paragraphs (datatrove joins with one newline: keepParagraphBreaks false)", () => {
    const text = "First line is here.\n\n\nMenu\n\nSecond line is here.";
    assert.equal(run(text).text, "First line is here.\n\nSecond line is here.");
    assert.equal(run(text, new C4LineTransform({ keepParagraphBreaks: false })).text, "First line is here.\nSecond line is here.");
  });

  it("with javascriptNoticesOnly, drops 'JavaScript is required' notices and keeps prose about JavaScript", () => {
    const t = new C4LineTransform({ dropNoTerminalPunctuation: false, minWordsPerLine: null, javascriptNoticesOnly: true });
    const counts: Record<string, number> = {};
    const notices = [
      "Please enable JavaScript to view the comments.",
      "This site requires JavaScript to work properly.",
      "You need to turn on JavaScript in your browser settings.",
      "JavaScript is disabled in your browser.",
      "It looks like JavaScript is not enabled on this page.",
    ];
    const prose = [
      "JavaScript strings cannot contain unescaped newlines, so the parser stops there.",
      "The module falls back to the JavaScript implementation when the native one fails.",
    ];
    assert.equal(t.apply([...notices, ...prose].join("\n"), counts), prose.join("\n"));
    assert.equal(counts.javascript, notices.length);
  });

  it("keeps a lorem ipsum or curly-bracket line for the document rules even if it says javascript or cookies", () => {
    assert.equal(run("Lorem ipsum with javascript here.").text, "Lorem ipsum with javascript here.");
    assert.equal(run("We use cookies {here} too.").text, "We use cookies {here} too.");
    assert.equal(run("Use { in javascript code.").text, "");
  });

  it("config: rules can be switched off", () => {
    const off = new C4LineTransform({ dropNoTerminalPunctuation: false, minWordsPerLine: null, dropJavascript: false, dropPolicy: false });
    assert.equal(run("No end\nJavaScript rocks\nprivacy policy", off).text, "No end\nJavaScript rocks\nprivacy policy");
  });
});

describe("c4_quality (document rules)", () => {
  it("lists its rules and keeps 5 sentences", () => {
    assert.deepEqual([...q.rules], ["c4_quality:lorem_ipsum", "c4_quality:curly_bracket", "c4_quality:too_few_sentences"]);
    assert.equal(q.check(sentences(5).join(" ")), null);
  });

  it("too_few_sentences: 4 removed, 5 kept; abbreviations and single letters do not end a sentence", () => {
    assert.equal(q.check(sentences(4).join(" ")), "c4_quality:too_few_sentences");
    assert.equal(q.check(sentences(4).join("\n") + "\nA last line without a stop"), null);
    assert.equal(q.check("Dr. Smith met Mr. Jones and J. Doe at St. Paul, e.g. there. One more. Two more. Three more."), "c4_quality:too_few_sentences");
    assert.equal(q.check("Wait! Really? Yes... Fine. Done."), null);
  });

  it("lorem_ipsum and curly_bracket remove the document", () => {
    assert.equal(q.check(`${sentences(6).join(" ")} LOREM IPSUM dolor.`), "c4_quality:lorem_ipsum");
    assert.equal(q.check(`${sentences(6).join(" ")} See {this}.`), "c4_quality:curly_bracket");
  });

  it("config overrides", () => {
    const g = new C4QualityFilter({ removeLoremIpsum: false, removeCurlyBracket: false, minSentences: 2 });
    assert.equal(g.check("Lorem ipsum {x}. Second one."), null);
    assert.equal(g.check("Only one."), "c4_quality:too_few_sentences");
    assert.equal(new C4QualityFilter({ minSentences: null }).check(""), null);
  });
});

// Fenced code blocks (Markdown's ``` and ~~~): in the prose preset the line rules judge the prose
// around them, and the blocks travel with it unchanged.

const FENCED = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[^\n]*$/gm;

/** The text with every closed fenced block removed (an unclosed fence is left as text). */
export function withoutFencedCode(text: string): string {
  return text.includes("```") || text.includes("~~~") ? text.replace(FENCED, "") : text;
}

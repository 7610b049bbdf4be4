// The "pii" transform: e-mail addresses, payment card numbers, IP addresses and phone numbers
// are replaced by typed placeholders and counted per type. Precision matters as much as
// recall (a wrongly redacted number costs the contributor tokens and the data its meaning),
// so every candidate passes a validator; see README.md for what is kept on purpose.
import type { Transform } from "../block.ts";
import { detectors, type Detector, type PiiType } from "./detectors.ts";

export type { PiiType } from "./detectors.ts";

export const PII_TYPES: readonly PiiType[] = ["email", "card_number", "iban", "ip_address", "phone"];

export const DEFAULT_PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  email: "<EMAIL>",
  card_number: "<CARD_NUMBER>",
  iban: "<IBAN>",
  ip_address: "<IP_ADDRESS>",
  phone: "<PHONE>",
};

export interface PiiOptions {
  /** Which types to redact. Default all five. */
  types?: readonly PiiType[];
  /** Replacement per type. Default `<EMAIL>`, `<CARD_NUMBER>`, `<IBAN>`, `<IP_ADDRESS>`, `<PHONE>`. */
  placeholders?: Partial<Record<PiiType, string>>;
  /** "public" (default): only globally routable IP addresses; "all": every valid address. */
  ipPolicy?: "public" | "all";
  /** Keep addresses at documentation domains (example.com, *.example, *.test, *.invalid, *.localhost). Default true. */
  keepExampleEmails?: boolean;
}

export interface PiiConfig {
  types: PiiType[];
  placeholders: Record<PiiType, string>;
  ipPolicy: "public" | "all";
  keepExampleEmails: boolean;
}

const CONTEXT = 32;

export class PiiRedact implements Transform {
  readonly name = "pii";
  readonly config: Readonly<PiiConfig>;
  private readonly active: Detector[];

  constructor(options: PiiOptions = {}) {
    const types = [...(options.types ?? PII_TYPES)];
    for (const t of types) if (!PII_TYPES.includes(t)) throw new TypeError(`unknown PII type ${t}; known: ${PII_TYPES.join(", ")}`);
    const placeholders = { ...DEFAULT_PLACEHOLDERS, ...options.placeholders };
    const ipPolicy = options.ipPolicy ?? "public";
    if (ipPolicy !== "public" && ipPolicy !== "all") throw new TypeError(`ipPolicy must be public or all, got ${ipPolicy}`);
    const keepExampleEmails = options.keepExampleEmails ?? true;
    // Canonical order in the config, so the same choice always hashes the same.
    this.config = Object.freeze({ types: PII_TYPES.filter((t) => types.includes(t)), placeholders, ipPolicy, keepExampleEmails });
    this.active = detectors({ ipPolicy, keepExampleEmails }).filter((d) => types.includes(d.type));
  }

  apply(text: string, counts: Record<string, number>): string {
    return this.redact(text, (type) => {
      counts[type] = (counts[type] ?? 0) + 1;
    });
  }

  /** What apply() redacts, in the order it finds it: each item's type and the text it replaces. */
  find(text: string): Array<{ type: PiiType; value: string }> {
    const found: Array<{ type: PiiType; value: string }> = [];
    this.redact(text, (type, value) => found.push({ type, value }));
    return found;
  }

  private redact(text: string, onFound: (type: PiiType, value: string) => void): string {
    let t = text;
    for (const d of this.active) {
      if (!d.mayContain(t)) continue;
      const placeholder = this.config.placeholders[d.type];
      d.pattern.lastIndex = 0;
      t = t.replace(d.pattern, (match: string, ...rest: unknown[]) => {
        const offset = rest.find((r) => typeof r === "number") as number;
        const source = rest.find((r) => typeof r === "string" && r.length >= match.length) as string;
        const before = source.slice(Math.max(0, offset - CONTEXT), offset);
        const after = source.slice(offset + match.length, offset + match.length + CONTEXT);
        if (!d.accept(match, before, after)) return match;
        onFound(d.type, match);
        return placeholder;
      });
    }
    return t;
  }
}

/** The PII transform with the given options (defaults above). */
export const createPii = (options: PiiOptions = {}): PiiRedact => new PiiRedact(options);

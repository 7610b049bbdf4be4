// Each detector: a regular expression that finds candidates cheaply, and a validator that
// decides. Validators are pure and know nothing of the text around a match except the few
// characters before it (for words like "version" or "ISBN" that change what a number is).

export type PiiType = "email" | "card_number" | "iban" | "ip_address" | "phone";

export interface Detector {
  type: PiiType;
  /** Global regular expression of candidates. */
  pattern: RegExp;
  /** Cheap test on the whole text: false means the pattern cannot match anywhere. */
  mayContain: (text: string) => boolean;
  /** Whether the candidate is PII; `before` and `after` are up to 32 characters around it. */
  accept: (match: string, before: string, after: string) => boolean;
}

export interface DetectorOptions {
  /** "public": only globally routable addresses (private, loopback, documentation ranges stay). */
  ipPolicy: "public" | "all";
  /** Keep addresses at domains reserved for documentation (example.com, *.test, ...). */
  keepExampleEmails: boolean;
}

const hasDigit = (text: string): boolean => /\d/.test(text);

// ---------------------------------------------------------------- e-mail

const FILE_EXTENSIONS = new Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "css", "js", "mjs", "ts", "tsx", "jsx", "json", "html", "htm", "xml", "pdf", "txt", "md", "py", "rb", "go", "rs", "java", "zip", "gz"]);
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

function emailDetector(o: DetectorOptions): Detector {
  return {
    type: "email",
    // Local part: dot-separated atoms; domain: labels of letters, digits and inner hyphens, a
    // letters-only top-level label. Letters are any script's (RFC 6531: hans.müller@firma.de,
    // zoë.smith@gmail.com, 用户@例子.广告). Not glued to more address-like characters on either side.
    pattern: /(?<![\p{L}\p{M}\p{N}_.%+-])[\p{L}\p{M}\p{N}_%+-]+(?:\.[\p{L}\p{M}\p{N}_%+-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?\.)+\p{L}[\p{L}\p{M}]{1,23}(?![\p{L}\p{M}\p{N}_-]|\.[\p{L}\p{N}])/gu,
    mayContain: (text) => text.includes("@"),
    accept: (match) => {
      const domain = match.slice(match.lastIndexOf("@") + 1);
      const tld = domain.slice(domain.lastIndexOf(".") + 1).toLowerCase();
      if (FILE_EXTENSIONS.has(tld)) return false; // icon@2x.png, not an address
      return !(o.keepExampleEmails && RESERVED_DOMAIN.test(domain));
    },
  };
}

/** Words that make a number an identifier of something else: an ISBN, an order, an invoice, an account. */
const NEGATIVE_CONTEXT = /(?:\bisbn(?:-1[03])?|\bissn|\bdoi|\border|\binvoice|\bref|\baccount|\bacct|\btracking|\bserial|\bid|\bno\.|\bnr\.|#)\s*[:#.]?\s*$/i;

// ---------------------------------------------------------------- payment cards

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the card networks (Visa 4, Mastercard 22–27 and 51–55, Amex/Diners/JCB 3, Discover/UnionPay/Maestro 6, Maestro 50, 56–58). */
const ISSUER = /^(?:4|2[2-7]|5[0-8]|3[0-9]|6)/;

const cardDetector: Detector = {
  type: "card_number",
  pattern: /(?<![\w.,+-])\d(?:[ -]?\d){12,18}(?![\w]|[.,-]\d)/g,
  mayContain: hasDigit,
  accept: (match, before) => {
    if (NEGATIVE_CONTEXT.test(before)) return false;
    const separators = match.replace(/\d/g, "");
    if (separators.length > 0) {
      if (!/^(?: +|-+)$/.test(separators)) return false; // one kind of separator only
      const groups = match.split(/[ -]/);
      if (groups[0].length !== 4 || groups.some((g) => g.length < 3 || g.length > 6)) return false;
    }
    const digits = match.replace(/\D/g, "");
    // Without separators, 17–19 digits are far more often IDs than cards (one in ten passes Luhn
    // by chance); cards that long are printed in groups.
    const maxLength = separators.length > 0 ? 19 : 16;
    return digits.length >= 13 && digits.length <= maxLength && ISSUER.test(digits) && luhnValid(digits);
  },
};

// ---------------------------------------------------------------- IBANs

/** IBAN length by country (ISO 13616 registry). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23,
  TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 7064 mod 97-10 over an IBAN without spaces: valid when the remainder is 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase();
  if (IBAN_LENGTH[s.slice(0, 2)] !== s.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    rest = v > 9 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest === 1;
}

const ibanDetector: Detector = {
  type: "iban",
  // Country, check digits, then the account in one run or in groups of four (the printed form).
  pattern: /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![\p{L}\p{N}])/gu,
  mayContain: hasDigit,
  accept: (match) => ibanValid(match.replaceAll(" ", "")),
};

// ---------------------------------------------------------------- IP addresses

/** Words that make a dotted quad a version or section number ("since dpkg 1.15.7.2", "section 8.1.2.2"); one word may come between. */
const VERSION_CONTEXT = /(?:\b(?:v|ver|version|versions|release|build|rev|revision|since|seit|depuis|section|sect|chapter|clause|article|art|paragraph|para|item|figure|fig|table|step|rule|abschnitt|kapitel|firmware|update|patch|kernel|bios|driver|linux|windows|upgrade|upgraded|downgrade|installed)\.?|§)\s*(?:[^\s\d]\S*\s+)?$/i;
/** Words that say a dotted quad is an address ("from 81.2.69.160", "server at", "IP:"). */
const ADDRESS_CONTEXT = /\b(?:ip|ips|ipv4|address|addr|host|hostname|server|client|from|to|at|by|ping|dns|gateway|proxy|route|router|subnet|peer|node|connect|connected|connecting|via|source|src|dst|destination|remote|login|logged|blocked|banned)\b\s*[:=]?\s*$/i;
/** A version range or list right after ("2.0.0.0 ~ 2.0.4.2", "1.2.3.4 - 1.2.3.9"). */
const VERSION_AFTER = /^\s*(?:~|–|—|-|to|through|and|or)\s*\d+\.\d+\.\d+\.\d+/;
const VERSION_BEFORE = /\d+\.\d+\.\d+\.\d+\s*(?:~|–|—|-|to|through|and|or)\s*$/;

/** Globally routable IPv4 (RFC 6890 special-purpose ranges excluded). */
export function isPublicIPv4(a: number, b: number, c: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false; // this network, private, loopback, multicast, reserved, broadcast
  if (a === 100 && b >= 64 && b <= 127) return false; // shared address space (carrier NAT)
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false; // private
  if (a === 192 && b === 168) return false; // private
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return false; // TEST-NET-3
  return true;
}

function ipv4Detector(o: DetectorOptions): Detector {
  return {
    type: "ip_address",
    // Four decimal octets without leading zeros, not part of a longer dotted number (1.2.3.4.5).
    pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g,
    mayContain: (text) => hasDigit(text) && text.includes("."),
    accept: (match, before, after) => {
      if (VERSION_CONTEXT.test(before)) return false; // "version 1.2.3.4", "v2.0.0.1"
      const [a, b, c] = match.split(".").map(Number);
      // Version numbers start small ("Kernel 2.6.32.1", "uGuru 2.0.0.0 ~ 2.0.4.2"); an address
      // below 10.0.0.0 is an address when the words before say so.
      if (VERSION_AFTER.test(after) || VERSION_BEFORE.test(before)) return false;
      if (a < 10 && !ADDRESS_CONTEXT.test(before)) return false;
      if (o.ipPolicy === "all") return true;
      return isPublicIPv4(a, b, c);
    },
  };
}

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address, or null if the text is not one. */
export function parseIPv6(text: string): number[] | null {
  let s = text;
  const lastColon = s.lastIndexOf(":");
  if (lastColon < 0) return null;
  if (s.includes(".", lastColon)) {
    // An IPv4 address in the last 32 bits (::ffff:192.0.2.1): rewrite it as two groups.
    const v4 = s.slice(lastColon + 1).split(".");
    if (v4.length !== 4 || !v4.every((p) => OCTET.test(p))) return null;
    const [a, b, c, d] = v4.map(Number);
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const groups = part.split(":");
    return groups.every((g) => HEX_GROUP.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (head === null || tail === null) return null;
  const known = head.length + tail.length;
  if (halves.length === 1) return known === 8 ? head : null;
  if (known > 7) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...tail];
}

/** Global unicast (2000::/3) outside the documentation ranges 2001:db8::/32 and 3fff::/20. */
export function isPublicIPv6(groups: number[]): boolean {
  const [a, b] = groups;
  if (a < 0x2000 || a > 0x3fff) return false;
  if (a === 0x2001 && b === 0x0db8) return false;
  if (a === 0x3fff && b < 0x1000) return false;
  return true;
}

const TWO_COLONS = /:[0-9A-Fa-f]{0,4}:/;

function ipv6Detector(o: DetectorOptions): Detector {
  return {
    type: "ip_address",
    pattern: /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\w)/g,
    // Every match holds two colons with at most 4 hex digits between them (the pattern's lookahead).
    mayContain: (text) => TWO_COLONS.test(text),
    accept: (match) => {
      const groups = parseIPv6(match);
      if (groups === null) return false;
      return o.ipPolicy === "all" ? groups.some((g) => g !== 0) : isPublicIPv6(groups);
    },
  };
}

// ---------------------------------------------------------------- phone numbers

const PHONE_CONTEXT = /(?:\btel|\bphone|\bfax|\bmobile|\bcell|\bcall|\btelefon|\btéléphone|\btél|\bwhatsapp)\.?\s*(?:number|no\.?|nr\.?)?\s*[:.]?\s*$/i;
/** North American numbers: optional 1, area code and exchange not starting with 0 or 1. */
const NANP = /^(?:1([-. ])?)?(?:\([2-9]\d\d\) ?|[2-9]\d\d([-. ]))[2-9]\d\d([-. ])\d{4}$/;
/** Numbers written with a national trunk prefix 0 (most of Europe, Asia, Africa, Oceania). */
const TRUNK = /^(?:\(0\d{1,4}\) ?|0\d{1,4}[ .\/-])\d{2,8}(?:[ .\/-]\d{2,5}){0,3}$/;
const DATE_LIKE = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;
/** ZIP+4 ("MA 02111-1307"): never a phone number unless the words before say it is one. */
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;

const phoneDetector: Detector = {
  type: "phone",
  pattern: /(?<![\w+\/.,-])(?:(?:\+|\b00)[ ]?)?\(?\d[\d() .\/-]{5,22}\d(?![\w]|[.\/-]\d)/g,
  mayContain: hasDigit,
  accept: (match, before) => {
    if (NEGATIVE_CONTEXT.test(before)) return false;
    const digits = match.replace(/\D/g, "");
    if (/[ .\/-]{2}|\(\)|[ .\/-]\)/.test(match)) return false; // doubled separators are lists, not numbers
    if (PHONE_CONTEXT.test(before)) return digits.length >= 7 && digits.length <= 15;
    if (ZIP_PLUS_4.test(match)) return false;
    if (match.startsWith("+") || /^00[1-9]/.test(match)) {
      const n = match.startsWith("+") ? digits.length : digits.length - 2;
      // After "+" comes a country code; after "00" it may as well be a date, so dates are refused there.
      return n >= 8 && n <= 15 && !match.includes("/") && (match.startsWith("+") || !DATE_LIKE.test(match));
    }
    const m = NANP.exec(match);
    if (m) {
      const [, afterOne, afterArea, afterExchange] = m;
      // 555-123-4567 and 1-555-123-4567 use one separator throughout; (555) 123-4567 may mix.
      if (afterArea === undefined) return true;
      return afterArea === afterExchange && (afterOne === undefined || afterOne === afterArea);
    }
    if (TRUNK.test(match) && digits.length >= 9 && digits.length <= 12) {
      const separators = new Set(match.replace(/[\d()]/g, "").replace(/ +/g, " "));
      return separators.size === 1 && !DATE_LIKE.test(match);
    }
    return false;
  },
};

/** Detectors in the order they run: each later one sees the placeholders of the earlier ones. */
export function detectors(o: DetectorOptions): Detector[] {
  return [emailDetector(o), ibanDetector, cardDetector, ipv6Detector(o), ipv4Detector(o), phoneDetector];
}

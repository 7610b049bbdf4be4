// Builds the labelled PII set (pii.jsonl): sentences with e-mail addresses, card numbers, IBANs,
// IP addresses and phone numbers in the contexts they appear in, and look-alikes that must be
// left alone (version and section numbers, ZIP+4, dates, ISBNs, Luhn- and mod-97-failing
// numbers, handles, documentation addresses). Values are generated (valid checksums computed,
// never copied from real people); the set is committed and rebuilt only on purpose:
//   node oracle/pipeline/pii/labelled/build.ts
import { writeFileSync } from "node:fs";
import { rng } from "../../testset/rng.ts";
import type { PiiRecord } from "./set.ts";
import type { PiiType } from "../detectors.ts";

const r = rng(6531);
const records: PiiRecord[] = [];
const add = (text: string, expect: Array<[PiiType, string]>, note: string): void => {
  records.push({ id: `pii-${records.length}`, text, expect: expect.map(([type, value]) => ({ type, value })), note });
};
const digits = (n: number): string => Array.from({ length: n }, () => String(r.int(10))).join("");
const fill = (template: string, value: string): string => template.replace("{}", value);

// ------------------------------------------------------------------ e-mail
const LOCALS = ["hans.müller", "zoë.smith", "josé.garcía", "anna-lena.schröder", "björn.ek", "françois.dupont", "søren.lund", "łukasz.nowak", "jane.doe", "j.smith+news", "mario_rossi", "ayşe.yılmaz", "núria.puig", "chloé", "dvořák.jan", "info", "m.tanaka", "олег.петров", "李雷", "first.last99"];
const DOMAINS = ["firma.de", "gmail.com", "correo.es", "uni-heidelberg.de", "mail.co.uk", "büro-köln.de", "outlook.fr", "posteo.de", "yandex.ru", "例子.广告", "proton.me", "web.de"];
const EMAIL_CONTEXTS = ["Write to {} for the full report.", "Kontakt: {}", "Questions go to {}, who answers within a day.", "Send the signed form (scanned) to <{}>.", "Her address was {}.", "Reply-To: {}", "CC {} and the committee."];
for (let i = 0; i < 60; i++) {
  const value = `${LOCALS[i % LOCALS.length]}@${r.pick(DOMAINS)}`;
  add(fill(EMAIL_CONTEXTS[i % EMAIL_CONTEXTS.length], value), [["email", value]], "e-mail address");
}
for (const t of ["Follow @hans_mueller for updates.", "Install pkg@1.2.3 first.", "Use icon@2x.png on retina screens.", "Log in as root@localhost.", "Write to jane@example.com in the docs.", "The decorator @Component({}) is applied.", "Meet at 10@home tonight.", "See user@host without a domain."]) {
  add(t, [], "looks like an address but is not one, or is a documentation address");
}

// ------------------------------------------------------------------ payment cards
function luhnComplete(prefix: string, length: number): string {
  let body = prefix + digits(length - prefix.length - 1);
  for (let d = 0; d < 10; d++) {
    const candidate = body + d;
    let sum = 0;
    for (let i = candidate.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
      let v = candidate.charCodeAt(i) - 48;
      if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  return body;
}
const group = (s: string, sep: string, sizes: number[]): string => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(s.slice(at, at + n));
    at += n;
  }
  return out.join(sep);
};
const CARD_CONTEXTS = ["Card: {}", "She paid with {} yesterday.", "The number on the card is {}.", "Charge {} for the deposit.", "Kreditkarte {}"];
for (let i = 0; i < 50; i++) {
  const kind = i % 5;
  const n = kind === 0 ? luhnComplete("4", 16) : kind === 1 ? luhnComplete(String(51 + r.int(5)), 16) : kind === 2 ? luhnComplete(r.pick(["34", "37"]), 15) : kind === 3 ? luhnComplete("6011", 16) : luhnComplete("2221", 16);
  const sizes = n.length === 15 ? [4, 6, 5] : [4, 4, 4, 4];
  const value = i % 3 === 0 ? n : group(n, i % 3 === 1 ? " " : "-", sizes);
  add(fill(CARD_CONTEXTS[i % CARD_CONTEXTS.length], value), [["card_number", value]], "payment card number (Luhn-valid)");
}
for (let i = 0; i < 15; i++) {
  const n = luhnComplete("4", 16);
  const bad = n.slice(0, 15) + String((Number(n[15]) + 1 + r.int(8)) % 10);
  add(`Tracking code ${group(bad, " ", [4, 4, 4, 4])} was issued.`, [], "16 digits that fail Luhn");
}
for (const t of ["ISBN 978-3-16-148410-0 is the second edition.", "The timestamp 1717171717171 is in milliseconds.", "Order 4111111111111 shipped.", "Invoice no. 5105105105105100 is due."]) add(t, [], "a long number that is not a card");

// ------------------------------------------------------------------ IBANs
const BBAN: Record<string, () => string> = {
  DE: () => digits(18),
  GB: () => r.pick(["NWBK", "BARC", "HBUK", "LOYD"]) + digits(14),
  FR: () => digits(10) + r.pick(["A", "B", "M", "0"]) + digits(10) + digits(2),
  NL: () => r.pick(["ABNA", "INGB", "RABO"]) + digits(10),
  ES: () => digits(20),
  IT: () => r.pick(["X", "K", "A"]) + digits(22),
  CH: () => digits(17),
  AT: () => digits(16),
  BE: () => digits(12),
};
function ibanOf(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    rest = v > 9 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return `${country}${String(98 - rest).padStart(2, "0")}${bban}`;
}
const printed = (iban: string): string => iban.replace(/(.{4})/g, "$1 ").trim();
const IBAN_CONTEXTS = ["IBAN: {}", "Please transfer the amount to {} by Friday.", "Bankverbindung {}", "Pay into account {} (reference: May rent).", "Le RIB indique {}."];
const countries = Object.keys(BBAN);
for (let i = 0; i < 45; i++) {
  const iban = ibanOf(countries[i % countries.length], BBAN[countries[i % countries.length]]());
  const value = i % 2 === 0 ? printed(iban) : iban;
  add(fill(IBAN_CONTEXTS[i % IBAN_CONTEXTS.length], value), [["iban", value]], "IBAN (mod-97 valid)");
}
for (let i = 0; i < 12; i++) {
  const iban = ibanOf("DE", BBAN.DE());
  const check = (Number(iban.slice(2, 4)) + 1 + r.int(90)) % 97;
  const bad = `DE${String(check < 2 ? check + 2 : check).padStart(2, "0")}${iban.slice(4)}`;
  add(`The form shows ${printed(bad)} as the account.`, [], "IBAN-shaped, fails the mod-97 check");
}
add("Standard ISO 13616 defines the format.", [], "standard number");
add("Part number GB82 WEST 1234 is out of stock.", [], "too short for an IBAN");

// ------------------------------------------------------------------ IP addresses
function publicIPv4(): string {
  for (;;) {
    const a = 11 + r.int(212);
    if ([100, 127, 169, 172, 192, 198, 203].includes(a)) continue;
    return `${a}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
  }
}
const IP_CONTEXTS = ["Failed password for root from {} port 22 ssh2", "{} - - [10/Oct/2023:13:55:36 +0200] \"GET / HTTP/1.1\" 200", "The server at {} stopped answering.", "Her IP address is {}.", "Connection from {} was refused.", "Blocked {} after five attempts."];
for (let i = 0; i < 42; i++) {
  const value = publicIPv4();
  add(fill(IP_CONTEXTS[i % IP_CONTEXTS.length], value), [["ip_address", value]], "public IPv4 address");
}
const V6 = ["2a00:1450:4001:82b::200e", "2606:4700:4700::1111", "2001:4860:4860::8888", "2a02:c7f:5e4c:2d00:4d1e:83b0:fa5e:1c07", "2003:e2:9f1c:4b00::1", "2a01:4f8:c17:b8f::2"];
for (let i = 0; i < 12; i++) {
  const value = i < V6.length ? V6[i] : `2a0${1 + r.int(8)}:${r.int(0xffff).toString(16)}:${r.int(0xffff).toString(16)}::${(1 + r.int(0xfff)).toString(16)}`;
  add(fill(IP_CONTEXTS[(i + 2) % IP_CONTEXTS.length], value), [["ip_address", value]], "public IPv6 address");
}
add("Requests from 8.8.8.8 were blocked.", [["ip_address", "8.8.8.8"]], "a low address the words say is one");
for (const t of ["Kernel 2.6.32.1 fixed the driver.", "uGuru 2.0.0.0 ~ 2.0.4.2 are supported.", "RFC 2616 section 8.1.2.2 covers persistent connections.", "Upgraded from 2.6.32.1 to 2.6.33.1 last week.", "Firmware 3.10.2.1 is the latest.", "See § 4.1.2.3 of the contract.", "The router answers on 192.168.1.1 by default.", "Bind to 127.0.0.1 only.", "Examples use 203.0.113.7 and 2001:db8::1.", "It started at 12:30:45 sharp.", "MAC 00:1a:2b:3c:4d:5e was seen.", "Use std::vector here.", "Version 10.0.19041.1 shipped.", "NTFS-3G 2.1.20.4 mounts the disk.", "Builds 11.4.0.2 - 11.4.0.9 are affected.", "Subnet mask 255.255.255.0 applies.", "Java 1.8.0.281 is installed.", "Item 3.2.1.4 of the checklist."]) {
  add(t, [], "version, section number, private or documentation address, time or scope");
}

// ------------------------------------------------------------------ phone numbers
const PHONES = () => [
  `+44 20 ${digits(4)} ${digits(4)}`,
  `+49 30 ${1 + r.int(9)}${digits(6)}`,
  `(${2 + r.int(8)}${digits(2)}) ${2 + r.int(8)}${digits(2)}-${digits(4)}`,
  `${2 + r.int(8)}${digits(2)}-${2 + r.int(8)}${digits(2)}-${digits(4)}`,
  `020 ${digits(4)} ${digits(4)}`,
  `06 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
  `+1 ${2 + r.int(8)}${digits(2)} ${2 + r.int(8)}${digits(2)} ${digits(4)}`,
  `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
];
const PHONE_CONTEXTS = ["Call {} after six.", "Tel. {}", "Her mobile is {}.", "Reach the office on {} during the week.", "Fax: {}"];
for (let i = 0; i < 48; i++) {
  const options = PHONES();
  const value = options[i % options.length];
  add(fill(PHONE_CONTEXTS[i % PHONE_CONTEXTS.length], value), [["phone", value]], "phone number");
}
for (const t of ["Free Software Foundation, 59 Temple Place, Boston, MA 02111-1307, USA.", "Redmond, WA 98052-6399", "Released on 2024-05-01 at noon.", "ISBN 978-0-306-40615-7", "Coordinates 48.8566, 2.3522 mark the spot.", "Between 1998-2004 the rule applied.", "Order 123456789 shipped.", "Serial 2024 0501 1200 was logged.", "The range 10-20-30 is used.", "Pages 101-115 cover it.", "Invoice #020 7946 0958 was paid.", "Population 8 336 817 in 2019."]) {
  add(t, [], "a number that is not a phone number");
}

// ------------------------------------------------------------------ more look-alikes, mixed
for (const t of [
  "Python 3.11.4.0 and Node 22.23.3 were used.",
  "The patch moves 4.19.0.1 to the stable branch.",
  "Clause 12.3.4.5 of the licence applies.",
  "Call stack depth 1024 exceeded.",
  "The meeting is on 07/12/2026 at 14:30.",
  "Dial extension 4412 for the help desk.",
  "Price: 1 299,00 € incl. VAT.",
  "The hash 3f2a9c1d4e5b6a7f8091 identifies the commit.",
  "Run npm install react@19.3.1 to update.",
  "Email me at jane[at]mail[dot]com is written to avoid bots.",
  "The CSS rule a@media screen is invalid.",
  "Use the handle @zoë.smith on the forum.",
  "Token DE00 0000 0000 0000 0000 00 is a placeholder.",
  "Account numbers like 0532013000 are local.",
  "UUID 123e4567-e89b-12d3-a456-426614174000 names the job.",
  "Between 09:00-17:00 on weekdays.",
  "Tax number 143/815/08150 is on the invoice.",
  "Build 2.6.32-431.el6 is affected.",
  "Temperatures ranged from -10.5 to 38.2 degrees.",
  "Version string 1.2.3.4 appears in the header.",
  "ip6 scope fe80::1%eth0 is link-local.",
  "The address ::ffff:10.0.0.1 maps a private IPv4.",
  "Call 911 or 112 in an emergency.",
  "The score was 12-10-8 after three rounds.",
  "Lines 1024-2048 of the log were cut.",
]) {
  add(t, [], "a look-alike that identifies no one");
}

writeFileSync(new URL("./pii.jsonl", import.meta.url), records.map((x) => JSON.stringify(x)).join("\n") + "\n");
console.log(`pii.jsonl: ${records.length} records`);

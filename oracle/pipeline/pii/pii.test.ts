import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isPublicIPv4, luhnValid, parseIPv6 } from "./detectors.ts";
import { createPii, type PiiOptions } from "./pii.ts";

const redact = (text: string, options: PiiOptions = {}): { text: string; counts: Record<string, number> } => {
  const counts: Record<string, number> = {};
  return { text: createPii(options).apply(text, counts), counts };
};

/** Each positive is redacted whole, inside a sentence, with the right type. */
function assertRedacted(samples: string[], placeholder: string, type: string, options: PiiOptions = {}): void {
  for (const sample of samples) {
    const got = redact(`Contact: ${sample}, thanks.`, options);
    assert.equal(got.text, `Contact: ${placeholder}, thanks.`, sample);
    assert.deepEqual(got.counts, { [type]: 1 }, sample);
  }
}

function assertKept(samples: string[], options: PiiOptions = {}): void {
  for (const sample of samples) {
    const text = `Note: ${sample} here.`;
    assert.deepEqual(redact(text, options), { text, counts: {} }, sample);
  }
}

describe("pii transform", () => {
  it("is named and exposes its config in a canonical order", () => {
    const p = createPii({ types: ["phone", "email"] });
    assert.equal(p.name, "pii");
    assert.deepEqual(p.config.types, ["email", "phone"]);
    assert.equal(p.config.placeholders.email, "<EMAIL>");
    assert.throws(() => createPii({ types: ["ssn" as never] }), /unknown PII type ssn/);
  });

  describe("e-mail addresses", () => {
    it("redacts addresses with non-ASCII local parts and domains whole (RFC 6531)", () => {
      assertRedacted(["hans.müller@firma.de", "zoë.smith@gmail.com", "josé.garcía@correo.es", "用户@例子.广告", "jürgen@büro-köln.de"], "<EMAIL>", "email");
    });
    it("redacts real-looking addresses", () => {
      assertRedacted(["jane.doe@gmail.com", "J.Smith+news@sub.mail.co.uk", "first_last-99@uni-heidelberg.de", "x@y.io", "git@github.com"], "<EMAIL>", "email");
    });
    it("keeps handles, package versions, retina image names and documentation domains", () => {
      assertKept(["@handle", "lodash@4.17.21", "icon@2x.png", "logo@3x.webp", "user@localhost", "name@example.com", "a@b.test", "a@ b.com", "user@host"]);
      assert.equal(redact("name@example.com", { keepExampleEmails: false }).text, "<EMAIL>");
    });
  });

  describe("payment card numbers", () => {
    it("redacts Luhn-valid numbers of the card networks, with or without spaces or dashes", () => {
      assertRedacted(["4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004", "3782 822463 10005", "6011 1111 1111 1117", "4222222222222"], "<CARD_NUMBER>", "card_number");
    });
    it("keeps numbers that fail Luhn, have no issuer prefix or odd grouping", () => {
      assertKept(["5251549009234886656", "22115839677829654", "4111 1111 1111 1112", "1234 5678 9012 3456", "0000 0000 0000 0000", "79927398713", "4111 11 11 1111 1111", "4111 1111-1111 1111", "order 8888888888888888"]);
    });
    it("checks Luhn correctly", () => {
      assert.equal(luhnValid("79927398713"), true);
      assert.equal(luhnValid("79927398710"), false);
    });
  });

  describe("IP addresses", () => {
    it("redacts public IPv4 and IPv6 addresses", () => {
      assertRedacted(["81.2.69.142", "93.184.216.34", "2a00:1450:4001:82b::200e", "2606:4700:4700::1111", "2001:4860:4860:0:0:0:0:8888"], "<IP_ADDRESS>", "ip_address");
    });
    it("keeps private, loopback, link-local and documentation addresses (public policy), and invalid ones", () => {
      assertKept(["127.0.0.1", "192.168.1.1", "10.0.0.5", "172.16.4.1", "169.254.0.1", "203.0.113.7", "198.51.100.3", "192.0.2.55", "255.255.255.0", "0.0.0.0", "224.0.0.1", "100.64.1.1"]);
      assertKept(["::1", "fe80::1", "fd12:3456::1", "2001:db8::1", "::", "256.1.1.1", "1.2.3", "08.8.8.8", "1.2.3.4.5"]);
    });
    it("redacts private addresses too under the 'all' policy", () => {
      assertRedacted(["192.168.1.1", "127.0.0.1", "fe80::1"], "<IP_ADDRESS>", "ip_address", { ipPolicy: "all" });
    });
    it("takes an address below 10.0.0.0 for one only when the words before say so", () => {
      for (const text of ["Requests from 8.8.8.8 were blocked.", "Set the DNS to 1.1.1.1 today.", "Server: 4.2.2.2 answered."]) {
        assert.equal(redact(text).counts.ip_address, 1, text);
      }
    });
    it("keeps version numbers: Kernel 2.6.32.1, uGuru 2.0.0.0 ~ 2.0.4.2", () => {
      assertKept(["Kernel 2.6.32.1", "uGuru 2.0.0.0 ~ 2.0.4.2", "NTFS-3G 2.1.20.4", "releases 11.4.0.2 - 11.4.0.9", "upgraded from 2.6.32.1 to 2.6.33.1"]);
    });
    it("keeps version strings that look like addresses", () => {
      assertKept(["version 1.2.3.4", "v2.0.0.1", "Release 4.3.2.1", "build 10.0.1.5", "since dpkg 1.15.7.2", "RFC 2616 section 8.1.2.2", "§ 4.1.2.3"], { ipPolicy: "all" });
    });
    it("does not take times, MAC addresses or C++ scopes for IPv6", () => {
      assertKept(["12:30:45", "00:1a:2b:3c:4d:5e", "std::vector", "a::b::c", "dead::beef::1"]);
    });
    it("classifies address ranges and parses IPv6 forms", () => {
      assert.equal(isPublicIPv4(8, 8, 8), true);
      assert.equal(isPublicIPv4(172, 31, 0), false);
      assert.equal(isPublicIPv4(172, 32, 0), true);
      assert.deepEqual(parseIPv6("2001:db8::1"), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(parseIPv6("::ffff:192.0.2.1"), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
      assert.equal(parseIPv6("1:2:3:4:5:6:7"), null);
      assert.equal(parseIPv6("1::2::3"), null);
      assert.equal(parseIPv6("1:2:3:4:5:6:7:8:9"), null);
    });
  });

  describe("IBANs", () => {
    it("redacts IBANs that pass the mod-97 check, printed in groups or in one run", () => {
      assertRedacted(["DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300"], "<IBAN>", "iban");
    });
    it("keeps IBAN-shaped strings that fail the check or have the wrong length for their country", () => {
      assertKept(["DE89 3704 0044 0532 0130 01", "GB82 WEST 1234 5698 7654", "XX89370400440532013000", "ISO 13616"]);
    });
  });

  describe("phone numbers", () => {
    it("does not take a ZIP+4 code for a phone number", () => {
      assertKept(["Boston, MA 02111-1307", "ZIP 98052-6399"]);
    });
    it("redacts international and common national formats", () => {
      assertRedacted([
        "+1 (415) 555-2671", "(415) 555-2671", "415-555-2671", "415.555.2671", "1-800-555-1234", "+44 20 7946 0958",
        "+44 (0)20 7946 0958", "020 7946 0958", "07700 900123", "06 12 34 56 78", "+33 1 23 45 67 89", "+49 30 1234567",
        "030/1234567", "(030) 1234567", "+91 98765 43210", "+81-3-1234-5678", "+61 2 9876 5432", "0044 20 7946 0958", "+4915112345678",
      ], "<PHONE>", "phone");
    });
    it("redacts an unformatted number after a word that says it is one", () => {
      assert.equal(redact("Tel: 0301234567").text, "Tel: <PHONE>");
      assert.equal(redact("call 4155552671 now").text, "call <PHONE> now");
      assert.equal(redact("id 4155552671 now").text, "id 4155552671 now");
    });
    it("keeps years, dates, times, versions, plain long numbers, ISBNs, order numbers and other number shapes", () => {
      assertKept([
        "1999", "2023-01-15", "15.01.2023", "01/15/2023", "2023-01-15 10:30", "01.02.2023 10", "1.2.3", "v1.22.333", "12345678901",
        "ISBN 978-3-16-148410-0", "ISBN 0-306-40615-2", "978-3-16-148410-0", "order #123456789", "Order no. 0123 4567 89", "invoice 0123 4567 8901",
        "10:30", "1990-2000", "1,234,567", "40.7128, -74.0060", "123-45-6789", "90210-1234", "12 15 18 21 24 27 30", "123-456-7890",
        "3.14159265", "1e10", "0.000123456", "555-1234", "2024/2025", "+20.5%",
      ]);
    });
  });

  it("counts each type in a mixed document and leaves the rest byte for byte", () => {
    const text = "Write to ana@uni.edu or bob@mail.com, call +44 20 7946 0958, pay with 4111 1111 1111 1111 from 81.2.69.142 (v1.2.3.4, 2024-05-01).";
    assert.deepEqual(redact(text), {
      text: "Write to <EMAIL> or <EMAIL>, call <PHONE>, pay with <CARD_NUMBER> from <IP_ADDRESS> (v1.2.3.4, 2024-05-01).",
      counts: { email: 2, phone: 1, card_number: 1, ip_address: 1 },
    });
  });

  it("redacts only the configured types, with the configured placeholders", () => {
    const text = "ana@uni.edu 81.2.69.142 +44 20 7946 0958";
    assert.equal(redact(text, { types: ["ip_address"] }).text, "ana@uni.edu <IP_ADDRESS> +44 20 7946 0958");
    assert.equal(redact(text, { placeholders: { email: "[email]", phone: "" } }).text, "[email] <IP_ADDRESS> ");
  });

  it("is idempotent and never touches text without '@' or digits (property)", () => {
    const p = createPii();
    const alphabet = fc.constantFrom("a", "b", "@", ".", "-", " ", "+", "(", ")", ":", "1", "4", "8", "0", "5", "e", "f", "\n", "com", "x.io");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join("")), (text) => {
        const once = p.apply(text, {});
        assert.equal(p.apply(once, {}), once);
        if (!/[@\d]/.test(text)) assert.equal(once, text);
      }),
      { numRuns: 3000 },
    );
  });

  it("stays linear on long runs of digits, dots, colons and address characters", () => {
    const p = createPii();
    for (const text of ["1".repeat(200_000), "1.".repeat(100_000), "a:".repeat(100_000), "a.".repeat(100_000) + "@", "a".repeat(200_000) + "@x", "1 ".repeat(100_000)]) {
      const started = performance.now();
      p.apply(text, {});
      assert.ok(performance.now() - started < 1000, `${text.slice(0, 10)}… took ${(performance.now() - started).toFixed(0)} ms`);
    }
  });
});

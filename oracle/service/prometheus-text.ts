// A reader of Prometheus' text exposition format (version 0.0.4), for whoever checks what
// GET /metrics says: the metrics' tests and the deployment rehearsal.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Metric family name -> counter, gauge, histogram, summary or untyped. */
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

function parseValue(raw: string, line: string): number {
  if (raw === "+Inf" || raw === "Inf") return Infinity;
  if (raw === "-Inf") return -Infinity;
  if (raw === "NaN") return NaN;
  const n = Number(raw);
  if (raw === "" || Number.isNaN(n)) throw new Error(`not a sample value: ${JSON.stringify(raw)} in ${JSON.stringify(line)}`);
  return n;
}

function parseSample(line: string): Sample {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error(`a sample line must start with a metric name: ${JSON.stringify(line)}`);
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === "{") {
    at++;
    while (line[at] !== "}") {
      const label = LABEL.exec(line.slice(at))?.[0];
      if (!label || line[at + label.length] !== "=" || line[at + label.length + 1] !== '"') throw new Error(`malformed labels in ${JSON.stringify(line)}`);
      at += label.length + 2;
      let value = "";
      while (line[at] !== '"') {
        if (at >= line.length) throw new Error(`unterminated label value in ${JSON.stringify(line)}`);
        if (line[at] === "\\") {
          value += ESCAPES[line[at + 1]] ?? line[at + 1];
          at += 2;
        } else value += line[at++];
      }
      labels[label] = value;
      at++;
      if (line[at] === ",") at++;
    }
    at++;
  }
  const [value] = line.slice(at).trim().split(/\s+/);
  return { name, labels, value: parseValue(value, line) };
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      const [, keyword, name, type] = line.split(/\s+/);
      if (keyword === "TYPE") types.set(name, type);
      continue;
    }
    samples.push(parseSample(line));
  }
  return { types, samples };
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sampleSum(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

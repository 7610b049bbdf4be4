// Where a keystore passphrase comes from: a file (--passphrase-file), an environment variable, or
// a hidden prompt on a terminal. Never a command-line argument (it would show in `ps` and shells'
// history).
import { readFileSync } from "node:fs";
import { UsageError } from "./usage.ts";

/** The passphrase in `path`, without its final line break. */
export function readPassphraseFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read the passphrase file ${path}: ${(e as Error).message}`);
  }
  return text.replace(/\r?\n$/, "");
}

/** Asks on the terminal without echoing what is typed. Only when stdin is a TTY. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new UsageError("no passphrase given, and stdin is not a terminal to ask for one"));
  return new Promise((resolvePassphrase, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolvePassphrase(value);
          return;
        }
        if (ch === "\u0003" || (ch === "\u0004" && value === "")) {
          finish();
          reject(new UsageError("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = Array.from(value).slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

export interface PassphraseSources {
  /** --passphrase-file, when given. */
  file?: string;
  /** The environment variable to read, e.g. ONETT_KEY_PASSPHRASE. */
  env: string;
}

/** From the file, else the environment, else undefined. */
export function givenPassphrase({ file, env }: PassphraseSources): string | undefined {
  if (file !== undefined) return readPassphraseFile(file);
  return process.env[env] || undefined;
}

/** The passphrase from the file or the environment, else asked on the terminal (twice when `confirm`). */
export async function passphraseOrPrompt(sources: PassphraseSources, { question, confirm = false }: { question: string; confirm?: boolean }): Promise<string> {
  const given = givenPassphrase(sources);
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    throw new UsageError(`no passphrase: put it in a file named by --passphrase-file or in the ${sources.env} environment variable (or run on a terminal to be asked)`);
  }
  const first = await promptHidden(question);
  if (!confirm) return first;
  if ((await promptHidden("Again, to confirm: ")) !== first) throw new UsageError("the two passphrases differ; nothing was written");
  return first;
}

// @vitest-environment jsdom
// The download button and its progress, on a submission the oracle's program sink stored
// (made in a Node process: test-fixture.ts), served through a fetch.
import "./test-realm.ts";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { UserRejectedRequestError } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import type { ReaderKeyPair } from "../../../oracle/crypto/index.ts";
import { UnstableSignatureError } from "./derive.ts";
import type { PlaintextSink } from "./download.ts";
import { formatBytes } from "../chain/format.ts";
import { DownloadControl, type DownloadControlProps } from "./DownloadControl.tsx";
import type { SaveTarget } from "./save.ts";
import { PROGRAM, serveFiles, submissionFromJson, type ServeOptions } from "./test-serve.ts";

afterEach(cleanup);

const fixture = join(import.meta.dirname, "test-fixture.ts");
const sub = submissionFromJson(execFileSync(process.execPath, ["--disable-warning=ExperimentalWarning", fixture], { encoding: "utf8", maxBuffer: 1 << 26 }));
const size = formatBytes(sub.plaintext.byteLength);
const joined = (parts: Uint8Array[]) => Buffer.concat(parts);

/** A save target that records what would reach the disk. */
function recordingSave({ large = false } = {}) {
  const saved: { parts: Uint8Array[]; name: string }[] = [];
  const file: { written: Uint8Array[]; events: string[] } = { written: [], events: [] };
  const save: SaveTarget = {
    wantsFile: () => large,
    openFile: async () =>
      ({
        write: (chunk) => void file.written.push(chunk),
        close: () => void file.events.push("close"),
        abort: () => void file.events.push("abort"),
      }) satisfies PlaintextSink,
    saveParts: (parts, name) => {
      saved.push({ parts, name });
      return undefined;
    },
    release: () => {},
  };
  return { save, saved, file };
}

function renderControl(key: () => Promise<ReaderKeyPair>, serve: ServeOptions = {}, props: Partial<DownloadControlProps> = {}) {
  const { fetcher } = serveFiles(sub.files, serve);
  const target = recordingSave();
  render(
    <DownloadControl
      manifestCid={sub.manifestCid}
      program={PROGRAM}
      source={{ gateway: "", oracle: "http://dapp.test/oracle", fetch: fetcher }}
      getKey={key}
      save={target.save}
      {...props}
    />,
  );
  return target;
}

const button = () => screen.getByTestId(`download-${sub.manifestCid}`);
const status = () => screen.getByTestId("download-status");

describe("DownloadControl", () => {
  it("decrypts for a reader and saves the exact plaintext under the manifest's name", async () => {
    const { saved } = renderControl(async () => sub.contributor);
    expect(screen.getByRole("button", { name: /^Download filtered data of baf/ })).toBe(button());
    fireEvent.click(button());
    await waitFor(() => expect(status().textContent).toContain("Saved as"), { timeout: 5_000 });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe(`${sub.manifestCid}-filtered.jsonl`);
    expect(Buffer.compare(joined(saved[0]!.parts), Buffer.from(sub.plaintext))).toBe(0);
    expect(status().textContent).toContain("read as contributor");
    expect(size).toMatch(/^29\d KiB$/);
    expect(status().textContent).toContain(size);
    expect(screen.queryByTestId("download-progress")).toBeNull();
  });

  it("shows the bytes decrypted against the total while it runs, and cancel keeps nothing", async () => {
    const { saved } = renderControl(async () => sub.consumer, { stallAfter: 150_000 });
    fireEvent.click(button());
    const bar = (await screen.findByRole("progressbar", { name: /^Decrypting the filtered data of/ }, { timeout: 5_000 })) as HTMLProgressElement;
    expect(bar.dataset.testid).toBe("download-progress");
    // The bar appears as the download starts; its total comes with the first progress report.
    await waitFor(() => expect(bar.max).toBe(sub.plaintext.byteLength));
    await waitFor(() => expect(bar.value).toBeGreaterThanOrEqual(65_536));
    expect(screen.getByTestId("download-figures").textContent).toMatch(new RegExp(`^(64\\.0|128) KiB of ${size}`));
    fireEvent.click(screen.getByRole("button", { name: /^Cancel the download of/ }));
    await waitFor(() => expect(status().textContent).toBe("Download cancelled; nothing was saved."));
    expect(saved).toHaveLength(0);
    expect(screen.queryByTestId("download-progress")).toBeNull();
    expect((button() as HTMLButtonElement).disabled).toBe(false);
  });

  it("tells a key that is not among the readers who can read the submission", async () => {
    const { saved } = renderControl(async () => sub.outsider);
    fireEvent.click(button());
    const alert = await screen.findByRole("alert", {}, { timeout: 5_000 });
    expect(alert.textContent).toContain("Your reader key cannot open this submission.");
    expect(alert.textContent).toContain("Only its contributor, the program's consumers, its committee members and its auditors can read it");
    expect(saved).toHaveLength(0);
  });

  it("explains a declined signature and offers the keystore only when the wallet cannot give a key", async () => {
    renderControl(
      async () => {
        throw new UserRejectedRequestError(new Error("User rejected the request."));
      },
      {},
      { keyFallback: () => <p>keystore form</p> },
    );
    fireEvent.click(button());
    expect((await screen.findByRole("alert", {}, { timeout: 5_000 })).textContent).toContain("You declined the request in your wallet.");
    // A declined request is a key problem too: the way forward is to sign, or use a keystore.
    expect(screen.getByText("keystore form")).toBeTruthy();
  });

  it("falls back to a keystore key after a wallet with unstable signatures, and retries", async () => {
    let key: () => Promise<ReaderKeyPair> = async () => {
      throw new UnstableSignatureError();
    };
    const { saved } = renderControl(() => key(), {}, {
      keyFallback: (retry) => (
        <button
          type="button"
          onClick={() => {
            key = async () => sub.consumer;
            retry();
          }}
        >
          Open keystore
        </button>
      ),
    });
    fireEvent.click(button());
    expect((await screen.findByRole("alert", {}, { timeout: 5_000 })).textContent).toContain("two different signatures");
    fireEvent.click(screen.getByRole("button", { name: "Open keystore" }));
    await waitFor(() => expect(status().textContent).toContain("read as consumer"), { timeout: 5_000 });
    expect(Buffer.compare(joined(saved[0]!.parts), Buffer.from(sub.plaintext))).toBe(0);
  });

  it("streams a large file into the file the user picks, after a click on the save button", async () => {
    const { fetcher } = serveFiles(sub.files);
    const target = recordingSave({ large: true });
    render(
      <DownloadControl manifestCid={sub.manifestCid} program={PROGRAM} source={{ gateway: "", oracle: "http://o.test", fetch: fetcher }} getKey={async () => sub.contributor} save={target.save} />,
    );
    fireEvent.click(button());
    const choose = await screen.findByRole("button", { name: `Choose where to save (${size})` }, { timeout: 5_000 });
    expect(target.file.written).toHaveLength(0);
    fireEvent.click(choose);
    await waitFor(() => expect(status().textContent).toContain("Saved to your file"), { timeout: 5_000 });
    expect(target.file.events).toEqual(["close"]);
    expect(Buffer.compare(joined(target.file.written), Buffer.from(sub.plaintext))).toBe(0);
    expect(target.saved).toHaveLength(0);
  });
});

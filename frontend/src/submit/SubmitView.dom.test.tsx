// @vitest-environment jsdom
// The Contribute page against the real oracle and the node: Sign-In with Ethereum (the node's
// account signs through the wallet), then choosing files by the picker, by the keyboard and by
// drag and drop, and the submissions attested on chain. The upload itself, its live progress
// (Server-Sent Events, which jsdom lacks) and its report are the browser test's (e2e/dapp.e2e.ts).
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Address } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodePublicKey, generateReaderKey } from "../../../oracle/crypto/index.ts";
import { shortHex, shortId } from "../chain/format.ts";
import { sampleDocuments, world } from "../test/context.ts";
import { keepCookies } from "../test/cookies.ts";
import { connectedConfig, renderWithWallet, testConfig } from "../test/wallet.tsx";
import { ORACLE_BASE } from "../oracle/client.ts";
import { fetchRegisteredReaderKey, registerReaderKey } from "../oracle/reader-key.ts";
import SubmitView from "./SubmitView.tsx";

const w = world("submit");

let forgetCookies: () => void;
beforeAll(() => {
  forgetCookies = keepCookies(new URL(ORACLE_BASE).origin);
});
afterAll(() => forgetCookies());
afterEach(cleanup);

const documents = sampleDocuments();
/** A JSONL file of `count` documents of the pipeline's labelled test set from `from`, as a contributor would pick it. */
function dataset(name: string, from: number, count: number): File {
  const lines = documents.slice(from, from + count).map((text) => JSON.stringify({ text }));
  return new File([lines.join("\n") + "\n"], name, { type: "application/jsonl" });
}
const kib = (file: File) => `${(file.size / 1024).toFixed(1)} KiB`;

/** The sign-in button, once the page knows there is no session (it is disabled until then). */
function signInButton() {
  return waitFor(
    () => {
      const button = screen.getByRole("button", { name: "Sign in to the oracle" }) as HTMLButtonElement;
      expect(button.disabled).toBe(false);
      return button;
    },
    { timeout: 5_000 },
  );
}

/** Renders the page for `account` and signs in to the oracle with the button, unless the session is still on. */
async function signedIn(account: Address) {
  renderWithWallet(<SubmitView program={w.splitter} />, await connectedConfig(account));
  // Until the oracle answers whether there is a session, the page shows the sign-in button disabled.
  const known = await waitFor(
    () => {
      const button = screen.queryByTestId("signed-in") ?? (screen.getByRole("button", { name: "Sign in to the oracle" }) as HTMLButtonElement);
      if (button instanceof HTMLButtonElement) expect(button.disabled).toBe(false);
      return button;
    },
    { timeout: 5_000 },
  );
  if (known instanceof HTMLButtonElement) await userEvent.click(known);
  return screen.findByTestId("signed-in", {}, { timeout: 5_000 });
}
const fileList = () => within(screen.getByRole("list", { name: "Files to upload" }));
const chosen = () => fileList().getAllByRole("listitem").map((li) => li.textContent!.replace("×", "").trim());
const uploadButton = () => screen.getByRole("button", { name: /^Upload|^Create your reader key first$/ }) as HTMLButtonElement;
/** Signed in as the contributor, whose reader key the page has found registered. */
async function readyToUpload() {
  await signedIn(w.contributor);
  await waitFor(() => expect(uploadButton().textContent).toMatch(/^Upload/), { timeout: 5_000 });
}

describe("SubmitView: signing in", () => {
  it("asks for a wallet first", () => {
    renderWithWallet(<SubmitView program={w.splitter} />, testConfig(w.contributor));
    expect(screen.getByText("Connect the wallet you want to be paid with; the oracle credits your tokens to it.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Sign in to the oracle" })).toBeNull();
  });

  it("signs in to the oracle with one wallet signature and out again", async () => {
    renderWithWallet(<SubmitView program={w.splitter} />, await connectedConfig(w.other));
    expect((await screen.findByTestId("signed-out")).textContent).toContain("one signature (Sign-In with Ethereum), no transaction, no fee");
    expect(screen.getByText("Sign in to the oracle to list your uploads and open their reports.")).toBeTruthy();
    await userEvent.click(await signInButton());
    const banner = await screen.findByTestId("signed-in", {}, { timeout: 5_000 });
    expect(banner.textContent).toContain(`Signed in to the oracle as ${shortHex(w.other)}`);
    // The session is the oracle's: a fresh page finds it.
    cleanup();
    await signedIn(w.other);
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByTestId("signed-out", {}, { timeout: 5_000 });
    expect(screen.getByRole("button", { name: "Sign in to the oracle" })).toBeTruthy();
  });

  it("explains a signature the wallet declined", async () => {
    renderWithWallet(<SubmitView program={w.splitter} />, await connectedConfig(w.stranger, { features: { signMessageError: true } }));
    await userEvent.click(await signInButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("You declined the request in your wallet.");
    expect(screen.queryByTestId("signed-in")).toBeNull();
  });
});

describe("SubmitView: choosing files", () => {
  beforeAll(async () => {
    // The contributor registered a reader key at the oracle earlier (the reader key panel's job).
    await signedIn(w.contributor);
    if (!(await fetchRegisteredReaderKey())) await registerReaderKey(encodePublicKey(generateReaderKey().publicKey));
    cleanup();
  });

  it("lists the files picked, with their sizes, and counts them on the upload button", async () => {
    await readyToUpload();
    expect(uploadButton().disabled).toBe(true);
    const [a, b] = [dataset("part-1.jsonl", 0, 3), dataset("part-2.jsonl", 3, 5)];
    await userEvent.upload(screen.getByLabelText("Choose files"), [a, b]);
    expect(chosen()).toEqual([`part-1.jsonl ${kib(a)}`, `part-2.jsonl ${kib(b)}`]);
    expect(uploadButton().textContent).toBe("Upload 2 files");
    expect(uploadButton().disabled).toBe(false);
    await userEvent.click(fileList().getByRole("button", { name: "Remove part-1.jsonl" }));
    expect(chosen()).toEqual([`part-2.jsonl ${kib(b)}`]);
    expect(uploadButton().textContent).toBe("Upload 1 file");
    await userEvent.click(fileList().getByRole("button", { name: "Remove part-2.jsonl" }));
    expect(screen.queryByRole("list", { name: "Files to upload" })).toBeNull();
    expect(uploadButton().disabled).toBe(true);
  });

  it("says, before the upload, that the wallet will sign the files as the contributor's", async () => {
    await readyToUpload();
    expect(screen.getByTestId("contribution-note").textContent).toBe(
      "Uploading asks your wallet for one more signature, no transaction and no fee: it states that these exact files (their fingerprints) are yours, so no one else can be credited with them.",
    );
  });

  it("leaves an empty file out of the batch and says so, instead of letting it refuse the whole upload", async () => {
    await readyToUpload();
    const good = dataset("notes.jsonl", 0, 2);
    await userEvent.upload(screen.getByLabelText("Choose files"), [good, new File([], "empty.jsonl")]);
    expect(chosen()).toEqual([`notes.jsonl ${kib(good)}`]);
    expect(screen.getByTestId("left-out").textContent).toBe("empty.jsonl is empty (0 bytes) and was left out: there is nothing in it to count.");
    expect(uploadButton().textContent).toBe("Upload 1 file");
  });

  it("takes several files dropped at once, and keeps one file per name", async () => {
    await readyToUpload();
    const zone = screen.getByTestId("dropzone");
    fireEvent.dragOver(zone);
    expect(zone.classList.contains("dragging")).toBe(true);
    fireEvent.dragLeave(zone);
    expect(zone.classList.contains("dragging")).toBe(false);
    const [a, b, c] = [dataset("a.jsonl", 0, 2), dataset("b.jsonl", 2, 2), dataset("c.jsonl", 4, 2)];
    fireEvent.dragOver(zone);
    fireEvent.drop(zone, { dataTransfer: { files: [a, b] } });
    expect(zone.classList.contains("dragging")).toBe(false);
    fireEvent.drop(zone, { dataTransfer: { files: [c] } });
    expect(chosen()).toEqual([`a.jsonl ${kib(a)}`, `b.jsonl ${kib(b)}`, `c.jsonl ${kib(c)}`]);
    // A newer file under a name already listed replaces the older one.
    const newer = dataset("a.jsonl", 6, 6);
    fireEvent.drop(zone, { dataTransfer: { files: [newer] } });
    expect(chosen()).toEqual([`b.jsonl ${kib(b)}`, `c.jsonl ${kib(c)}`, `a.jsonl ${kib(newer)}`]);
    // Something dropped that is not a file (text, a link) adds nothing.
    fireEvent.drop(zone, { dataTransfer: { files: [] } });
    expect(uploadButton().textContent).toBe("Upload 3 files");
  });

  it("reaches the file picker from the keyboard, by its label", async () => {
    await signedIn(w.contributor);
    const picker = screen.getByLabelText("Choose files");
    screen.getByRole("button", { name: "Sign out" }).focus();
    for (let i = 0; i < 10 && document.activeElement !== picker; i++) await userEvent.tab();
    expect(document.activeElement).toBe(picker);
    expect(picker.getAttribute("type")).toBe("file");
    expect(picker.hasAttribute("multiple")).toBe(true);
    await userEvent.upload(picker, dataset("typed.jsonl", 7, 1));
    expect(chosen()).toHaveLength(1);
  });

  it("lists the wallet's attestations on chain and, once signed in, its uploads", async () => {
    await signedIn(w.contributor);
    expect(await screen.findByText("No upload yet.", {}, { timeout: 5_000 })).toBeTruthy();
    const attested = (await screen.findByText("Attested on chain")).nextElementSibling as HTMLElement;
    const row = (await within(attested).findAllByRole("row", {}, { timeout: 5_000 }))[1];
    const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(["1", "3,000", shortId(w.contributorManifest)]);
  });
});

describe("SubmitView: without a reader key", () => {
  it("holds the upload until the key is created", async () => {
    await signedIn(w.other);
    expect(await fetchRegisteredReaderKey()).toBeNull();
    await userEvent.upload(screen.getByLabelText("Choose files"), dataset("part-1.jsonl", 8, 2));
    await waitFor(() => expect(uploadButton().textContent).toBe("Create your reader key first"));
    expect(uploadButton().disabled).toBe(true);
  });
});

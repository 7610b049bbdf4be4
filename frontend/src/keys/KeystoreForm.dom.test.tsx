// @vitest-environment jsdom
// The keystore fallback: a 1tt/keystore@1 file and its passphrase, opened in the page.
import "./test-realm.ts";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { encodePublicKey, encryptKeystore, generateReaderKey } from "../../../oracle/crypto/index.ts";
import { openKeystoreText } from "./derive.ts";
import { KeystoreForm } from "./KeystoreForm.tsx";

afterEach(cleanup);

const pair = generateReaderKey();
const keystore = JSON.stringify(await encryptKeystore(pair, "correct horse", { label: "consumer", scryptLogN: 10 }));

function setup() {
  const opened: string[] = [];
  render(<KeystoreForm onOpen={async (file, passphrase) => opened.push((await openKeystoreText(await file.text(), passphrase)).publicKey)} />);
  fireEvent.change(screen.getByLabelText("Keystore file"), { target: { files: [new File([keystore], "reader.json", { type: "application/json" })] } });
  return opened;
}

describe("KeystoreForm", () => {
  it("opens the keystore with its passphrase, reachable by label", async () => {
    const opened = setup();
    fireEvent.change(screen.getByLabelText("Passphrase"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Open keystore" }));
    await waitFor(() => expect(opened).toEqual([encodePublicKey(pair.publicKey)]));
    expect((screen.getByLabelText("Passphrase") as HTMLInputElement).value).toBe("");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says the passphrase is wrong and keeps the form", async () => {
    const opened = setup();
    fireEvent.change(screen.getByLabelText("Passphrase"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Open keystore" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The passphrase does not open this keystore.");
    expect(opened).toEqual([]);
    expect((screen.getByRole("button", { name: "Open keystore" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("cannot be submitted without a file", () => {
    render(<KeystoreForm onOpen={async () => {}} />);
    expect((screen.getByRole("button", { name: "Open keystore" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

// @vitest-environment jsdom
// The reader key a consumer or auditor holds in the Catalogue: derived from a signature the
// Hardhat node's account makes (the mock wallet forwards it), declined, forgotten, or opened from
// a keystore file instead. Read-only: no chain state changes, so it borrows the "app" world's
// addresses.
import "./test-realm.ts";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { createWalletClient, http } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { encodePublicKey, encryptKeystore, generateReaderKey, readerKeyFromSignature, readerKeyMessage } from "../../../oracle/crypto/index.ts";
import { programChainId } from "../config.ts";
import { rpcUrl, world } from "../test/context.ts";
import { connectedConfig, renderWithWallet } from "../test/wallet.tsx";
import { forgetAll } from "./reader-key-store.ts";
import { ReaderKeyPanel } from "./ReaderKeyPanel.tsx";

afterEach(() => {
  cleanup();
  forgetAll();
});

const { splitter, consumer, stranger } = world("app");
const panel = () => screen.getByTestId("reader-key");

describe("ReaderKeyPanel", () => {
  it("derives the account's reader key from its signature of the program's key message", async () => {
    const node = createWalletClient({ transport: http(rpcUrl()) });
    const signature = await node.signMessage({ account: consumer, message: readerKeyMessage({ chainId: programChainId, program: splitter, account: consumer }) });
    const expected = encodePublicKey(readerKeyFromSignature(signature).publicKey);

    renderWithWallet(<ReaderKeyPanel program={splitter} />, await connectedConfig(consumer));
    expect(panel().dataset.state).toBe("none");
    fireEvent.click(await screen.findByRole("button", { name: "Derive my reader key" }));
    await waitFor(() => expect(panel().dataset.state).toBe("held"), { timeout: 10_000 });
    expect(panel().dataset.publicKey).toBe(expected);
    expect(screen.getByTestId("reader-key-public").textContent).toBe(expected);
    expect(panel().textContent).toContain("Ready, from your wallet.");

    fireEvent.click(screen.getByRole("button", { name: "Forget the key" }));
    expect(panel().dataset.state).toBe("none");
    expect(screen.getByRole("button", { name: "Derive my reader key" })).toBeTruthy();
  });

  it("explains a declined signature and keeps no key", async () => {
    renderWithWallet(<ReaderKeyPanel program={splitter} />, await connectedConfig(stranger, { features: { signMessageError: true } }));
    fireEvent.click(await screen.findByRole("button", { name: "Derive my reader key" }));
    expect((await screen.findByRole("alert", {}, { timeout: 10_000 })).textContent).toContain("You declined the request in your wallet.");
    expect(panel().dataset.state).toBe("none");
  });

  it("holds the key of a keystore file instead", async () => {
    const pair = generateReaderKey();
    const keystore = JSON.stringify(await encryptKeystore(pair, "s3cret phrase", { label: "auditor desk", scryptLogN: 10 }));
    renderWithWallet(<ReaderKeyPanel program={splitter} />, await connectedConfig(stranger));
    fireEvent.click(screen.getByText("Use a reader keystore file instead"));
    fireEvent.change(await screen.findByLabelText("Keystore file"), { target: { files: [new File([keystore], "auditor.json")] } });
    fireEvent.change(screen.getByLabelText("Passphrase"), { target: { value: "s3cret phrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Open keystore" }));
    await waitFor(() => expect(panel().dataset.state).toBe("held"), { timeout: 10_000 });
    expect(panel().dataset.publicKey).toBe(encodePublicKey(pair.publicKey));
    expect(panel().textContent).toContain("Ready, from the keystore “auditor desk”.");
  });
});

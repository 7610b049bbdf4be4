// @vitest-environment jsdom
// The contributor's reader key on the Contribute page, against the real oracle of the global
// setup: signed in with SIWE (the Hardhat node's account signs), the key is missing, one button
// derives it and registers it with PUT /session/reader-key, and a different registered key is
// pointed out and replaced. It uses an account no world uses, so no other file sees its key.
import "./test-realm.ts";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { createWalletClient, http, type Address } from "viem";
import { createSiweMessage } from "viem/siwe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodePublicKey, generateReaderKey, readerKeyFromSignature, readerKeyMessage } from "../../../oracle/crypto/index.ts";
import { programChainId } from "../config.ts";
import { ORACLE_BASE, type NonceAnswer } from "../oracle/client.ts";
import { fetchRegisteredReaderKey, registerReaderKey } from "../oracle/reader-key.ts";
import { rpcUrl, world } from "../test/context.ts";
import { keepCookies } from "../test/cookies.ts";
import { connectedConfig, renderWithWallet } from "../test/wallet.tsx";
import { forgetAll } from "./reader-key-store.ts";
import { ContributorKeyPanel } from "./ReaderKeyPanel.tsx";

const { splitter } = world("app");
const node = createWalletClient({ transport: http(rpcUrl()) });
const account: Address = (await node.getAddresses())[12]!;

// The oracle's session is an HttpOnly cookie: the page's fetch keeps it as a browser would.
let forgetCookies: () => void;
beforeAll(() => {
  forgetCookies = keepCookies(new URL(ORACLE_BASE).origin);
});
afterAll(() => forgetCookies());
afterEach(cleanup);

async function signIn(address: Address) {
  const n = (await (await fetch(`${ORACLE_BASE}/session/nonce`)).json()) as NonceAnswer;
  const message = createSiweMessage({ address, chainId: n.chainId, domain: n.domain, uri: n.uri, nonce: n.nonce, version: "1", issuedAt: new Date() });
  const signature = await node.signMessage({ account: address, message });
  const res = await fetch(`${ORACLE_BASE}/session/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature }) });
  if (!res.ok) throw new Error(`sign-in refused: ${res.status} ${await res.text()}`);
}

const panel = () => screen.getByTestId("reader-key");

describe("ContributorKeyPanel", () => {
  it("creates the reader key in one step and registers it with the oracle, then points out and replaces another key", async () => {
    forgetAll();
    await signIn(account);
    expect(await fetchRegisteredReaderKey()).toBeNull();
    const signature = await node.signMessage({ account, message: readerKeyMessage({ chainId: programChainId, program: splitter, account }) });
    const expected = encodePublicKey(readerKeyFromSignature(signature).publicKey);
    const config = await connectedConfig(account);

    renderWithWallet(<ContributorKeyPanel program={splitter} />, config);
    await waitFor(() => expect(panel().dataset.state).toBe("missing"), { timeout: 10_000 });
    expect(panel().textContent).toContain("It lets you decrypt your own data later and costs nothing");
    fireEvent.click(screen.getByRole("button", { name: "Create your reader key" }));
    await waitFor(() => expect(panel().dataset.state).toBe("registered"), { timeout: 10_000 });
    expect(panel().dataset.publicKey).toBe(expected);
    expect((await fetchRegisteredReaderKey())?.publicKey).toBe(expected);
    expect(panel().textContent).toContain("and this page holds it");
    cleanup();

    // Another key registered meanwhile (another device, a keystore): the page says so and offers its own.
    await registerReaderKey(encodePublicKey(generateReaderKey().publicKey));
    renderWithWallet(<ContributorKeyPanel program={splitter} />, config);
    await waitFor(() => expect(panel().dataset.state).toBe("mismatch"), { timeout: 10_000 });
    expect(panel().textContent).toContain("The oracle holds another reader key for you");
    fireEvent.click(screen.getByRole("button", { name: "Register this key instead" }));
    await waitFor(() => expect(panel().dataset.state).toBe("registered"), { timeout: 10_000 });
    expect((await fetchRegisteredReaderKey())?.publicKey).toBe(expected);
  });
});

// @vitest-environment jsdom
// The shell: views by hash, the navigation's current page, the skip link, the live block number,
// the program from the URL. Views load lazily, as in the build.
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "./App.tsx";
import { publicClient } from "./test/chain.ts";
import { world } from "./test/context.ts";
import { connectedConfig, renderWithWallet, testConfig } from "./test/wallet.tsx";

const w = world("app");

beforeEach(() => window.history.replaceState(null, "", `/?program=${w.splitter}`));
afterEach(cleanup);

const views = () => within(screen.getByRole("navigation", { name: "Views" }));
const current = () => views().getAllByRole("link").filter((a) => a.getAttribute("aria-current") === "page").map((a) => a.textContent);
const heading = (name: string) => screen.findByRole("heading", { level: 2, name }, { timeout: 10_000 });

describe("App", () => {
  it("opens the view named by the hash and marks it as the current page", async () => {
    window.history.replaceState(null, "", `/?program=${w.splitter}#/consumer`);
    renderWithWallet(<App />, await connectedConfig(w.consumer));
    expect(views().getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Earnings", "#/contributor"],
      ["Contribute", "#/submit"],
      ["Deposit", "#/consumer"],
      ["Catalogue", "#/catalogue"],
      ["Audit", "#/audit"],
    ]);
    expect(current()).toEqual(["Deposit"]);
    await heading("Deposit revenue");
  });

  it("moves between views by the navigation links and by the address bar", async () => {
    renderWithWallet(<App />, await connectedConfig(w.contributor));
    expect(current()).toEqual(["Earnings"]);
    await heading("Your contribution");
    await userEvent.click(views().getByRole("link", { name: "Deposit" }));
    await waitFor(() => expect(current()).toEqual(["Deposit"]));
    expect(window.location.hash).toBe("#/consumer");
    await heading("Deposit revenue");
    window.location.hash = "#/catalogue";
    await waitFor(() => expect(current()).toEqual(["Catalogue"]));
    // An unknown view falls back to the contributor's.
    window.location.hash = "#/nowhere";
    await waitFor(() => expect(current()).toEqual(["Earnings"]));
  });

  it("lets the keyboard skip the header to the content, and stays on the view", async () => {
    window.history.replaceState(null, "", `/?program=${w.splitter}#/consumer`);
    renderWithWallet(<App />, await connectedConfig(w.consumer));
    await heading("Deposit revenue");
    await userEvent.tab();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(document.activeElement).toBe(skip);
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("main")));
    expect(current()).toEqual(["Deposit"]);
    expect(screen.getByRole("heading", { level: 2, name: "Deposit revenue" })).toBeTruthy();
    // The next Tab goes on from the content, not back to the header.
    await userEvent.tab();
    expect(screen.getByRole("main").contains(document.activeElement)).toBe(true);
  });

  it("shows the latest block in the footer and asks for a program when none is chosen", async () => {
    window.history.replaceState(null, "", "/");
    renderWithWallet(<App />, testConfig(w.contributor));
    expect(screen.getByText("Choose a revenue program above to see its figures.")).toBeTruthy();
    const before = await publicClient().getBlockNumber();
    await waitFor(() => expect(screen.getByTestId("block").textContent).not.toBe("…"));
    expect(BigInt(screen.getByTestId("block").textContent!)).toBeGreaterThanOrEqual(before);
  });
});

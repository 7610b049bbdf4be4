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
      ["Start", "#/start"],
      ["Earnings", "#/contributor"],
      ["Contribute", "#/submit"],
      ["Deposit", "#/consumer"],
      ["Catalogue", "#/catalogue"],
      ["Audit", "#/audit"],
    ]);
    expect(current()).toEqual(["Deposit"]);
    await heading("Deposit revenue");
  });

  it("greets a first visit with what 1TT does for each role, each leading to its page", async () => {
    renderWithWallet(<App />, await connectedConfig(w.contributor));
    expect(current()).toEqual(["Start"]);
    await heading("Get paid for the text you contribute, and check every number");
    const role = (name: RegExp) => within(screen.getByRole("region", { name }));
    expect(role(/text a language model could learn from/).getByRole("link", { name: "Contribute data" }).getAttribute("href")).toBe("#/submit");
    expect(role(/train models/).getByRole("link", { name: "Deposit revenue" }).getAttribute("href")).toBe("#/consumer");
    expect(role(/check the numbers/).getByRole("link", { name: "Run the audit" }).getAttribute("href")).toBe("#/audit");
    // The program's α, read from the chain, is named where contributors and consumers read it.
    await waitFor(() => expect(role(/train models/).getByText(/keeps α = 10% of it/)).toBeTruthy(), { timeout: 10_000 });
    await userEvent.click(role(/text a language model could learn from/).getByRole("link", { name: "Contribute data" }));
    await waitFor(() => expect(current()).toEqual(["Contribute"]));
  });

  it("tells a contributor without tokens how to get some, and that only later deposits pay them", async () => {
    window.history.replaceState(null, "", `/?program=${w.splitter}#/contributor`);
    renderWithWallet(<App />, await connectedConfig(w.stranger));
    const note = await screen.findByTestId("no-tokens", {}, { timeout: 10_000 });
    expect(note.textContent).toContain("You have no tokens in this program yet.");
    expect(note.textContent).toContain("every deposit made after they are counted");
    await userEvent.click(within(note).getByRole("link", { name: "Contribute data" }));
    await waitFor(() => expect(current()).toEqual(["Contribute"]));
  });

  it("moves between views by the navigation links and by the address bar", async () => {
    window.history.replaceState(null, "", `/?program=${w.splitter}#/contributor`);
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
    window.history.replaceState(null, "", "/#/contributor");
    renderWithWallet(<App />, testConfig(w.contributor));
    expect(screen.getByText("Choose a revenue program above to see its figures.")).toBeTruthy();
    const before = await publicClient().getBlockNumber();
    await waitFor(() => expect(screen.getByTestId("block").textContent).not.toBe("…"));
    expect(BigInt(screen.getByTestId("block").textContent!)).toBeGreaterThanOrEqual(before);
  });
});

// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { world } from "../test/context.ts";
import { connect } from "wagmi/actions";
import { programChainId } from "../config.ts";
import { connectedConfig, otherChain, renderWithWallet, testConfig } from "../test/wallet.tsx";
import { NetworkGuard } from "./NetworkGuard.tsx";

afterEach(cleanup);

const w = world("guard");

describe("NetworkGuard", () => {
  it("warns when the wallet is on another network and switches it with one button", async () => {
    const config = await connectedConfig(w.contributor, { chainId: otherChain.id });
    renderWithWallet(<NetworkGuard />, config);
    const banner = screen.getByRole("alert");
    expect(banner.textContent).toContain("Your wallet is on another network (chain 31338).");
    expect(banner.textContent).toContain("This program lives on Hardhat.");
    await userEvent.click(within(banner).getByRole("button", { name: "Switch to Hardhat" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(config.state.chainId).toBe(31337);
  });

  it("explains a switch the wallet declined and keeps the button", async () => {
    renderWithWallet(<NetworkGuard />, await connectedConfig(w.contributor, { chainId: otherChain.id, features: { switchChainError: true } }));
    await userEvent.click(screen.getByRole("button", { name: "Switch to Hardhat" }));
    const explained = await screen.findByText("You declined the request in your wallet.");
    expect(explained.closest("[role=alert]")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Switch to Hardhat" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says which network is needed and how to get there when the wallet declines the switch while connecting", async () => {
    const config = testConfig(w.contributor, { chainId: otherChain.id, features: { switchChainError: true } });
    renderWithWallet(<NetworkGuard />, config);
    expect(screen.queryByRole("alert")).toBeNull();
    // What RainbowKit does on "Connect": ask for the program's network with the connection.
    await expect(connect(config, { connector: config.connectors[0]!, chainId: programChainId })).rejects.toThrow(/rejected/i);
    const banner = await screen.findByTestId("connect-refused-network");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("Your wallet did not connect: it is on another network (chain 31338) and the switch to Hardhat was declined.");
    expect(banner.textContent).toContain("This program lives on Hardhat (chain id 31337, RPC http");
    expect(banner.textContent).toContain("switch to that network (add it with these details");
    expect(within(banner).getByRole("button", { name: "Connect again" })).toBeTruthy();
    expect(config.state.status).toBe("disconnected");
  });

  it("stays out of the way on the program's network and without a wallet", async () => {
    renderWithWallet(<NetworkGuard />, await connectedConfig(w.contributor));
    expect(screen.queryByRole("alert")).toBeNull();
    cleanup();
    renderWithWallet(<NetworkGuard />, testConfig(w.contributor));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

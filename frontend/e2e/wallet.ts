// The browser tests' wallet: an EIP-1193 provider injected into the page (window.ethereum, found by
// RainbowKit's "Browser Wallet"), bridged to Node. It answers eth_accounts with no account until
// eth_requestAccounts (so nothing auto-connects), switches chains on request, can decline the next
// signature like a user would, and forwards everything else to the Hardhat node, whose default
// accounts are unlocked (eth_sendTransaction, eth_signTypedData_v4, personal_sign).
import type { BrowserContext, Page } from "playwright-core";
import type { Address } from "viem";

const USER_ACTIONS = new Set(["eth_sendTransaction", "eth_signTypedData_v4", "personal_sign", "eth_sign"]);

function injected() {
  const listeners: Record<string, Set<(data: unknown) => void>> = {};
  const bridge = (window as unknown as { __1ttWallet: (m: string, p: unknown) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> }).__1ttWallet;
  const provider = {
    isMetaMask: false,
    async request({ method, params }: { method: string; params?: unknown }) {
      const res = await bridge(method, params ?? []);
      if (res.error) throw Object.assign(new Error(res.error.message), { code: res.error.code, data: res.error.data });
      return res.result;
    },
    on(event: string, fn: (data: unknown) => void) {
      (listeners[event] ??= new Set()).add(fn);
      return provider;
    },
    removeListener(event: string, fn: (data: unknown) => void) {
      listeners[event]?.delete(fn);
      return provider;
    },
  };
  Object.assign(window, { ethereum: provider, __1ttEmit: (event: string, data: unknown) => listeners[event]?.forEach((fn) => fn(data)) });
}

export class TestWallet {
  account: Address;
  chainId: number;
  private connected = false;
  private declineNext = false;
  private declineSwitch = false;
  private page?: Page;
  private readonly rpc: string;

  constructor(opts: { rpc: string; account: Address; chainId: number }) {
    this.rpc = opts.rpc;
    this.account = opts.account;
    this.chainId = opts.chainId;
  }

  async install(context: BrowserContext): Promise<void> {
    await context.exposeFunction("__1ttWallet", (method: string, params: unknown[]) => this.handle(method, params));
    await context.addInitScript(injected);
  }

  attach(page: Page): void {
    this.page = page;
  }

  /** The next signature or transaction request is declined (EIP-1193 code 4001). */
  declineNextRequest(): void {
    this.declineNext = true;
  }

  /** The next request to switch networks is declined by the user. */
  declineNextSwitch(): void {
    this.declineSwitch = true;
  }

  /** The user picks another account in the wallet. */
  async switchAccount(account: Address): Promise<void> {
    this.account = account;
    await this.emit("accountsChanged", [account]);
  }

  /** The user picks another network in the wallet. */
  async switchChain(chainId: number): Promise<void> {
    this.chainId = chainId;
    await this.emit("chainChanged", `0x${chainId.toString(16)}`);
  }

  private async emit(event: string, data: unknown): Promise<void> {
    // A page that is navigating away has no listener left to tell: nothing to do.
    await this.page?.evaluate(([e, d]) => (window as unknown as { __1ttEmit: (e: string, d: unknown) => void }).__1ttEmit(e as string, d), [event, data] as const).catch(() => {});
  }

  private async handle(method: string, params: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
    switch (method) {
      case "eth_requestAccounts":
      case "wallet_requestPermissions":
        this.connected = true;
        return { result: method === "eth_requestAccounts" ? [this.account] : [{ parentCapability: "eth_accounts" }] };
      case "eth_accounts":
        return { result: this.connected ? [this.account] : [] };
      case "wallet_revokePermissions":
        this.connected = false;
        return { result: null };
      case "eth_chainId":
        return { result: `0x${this.chainId.toString(16)}` };
      case "wallet_switchEthereumChain": {
        if (this.declineSwitch) {
          this.declineSwitch = false;
          return { error: { code: 4001, message: "User rejected the request." } };
        }
        const wanted = Number((params[0] as { chainId: string }).chainId);
        if (wanted !== 31337) return { error: { code: 4902, message: `Unrecognized chain ${wanted}` } };
        this.chainId = wanted;
        setTimeout(() => void this.emit("chainChanged", `0x${wanted.toString(16)}`), 20);
        return { result: null };
      }
    }
    if (USER_ACTIONS.has(method) && this.declineNext) {
      this.declineNext = false;
      return { error: { code: 4001, message: "User rejected the request." } };
    }
    const res = await fetch(this.rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    return body.error ? { error: body.error } : { result: body.result };
  }
}

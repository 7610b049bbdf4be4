// A connection the wallet refused because of its network. RainbowKit asks the wallet for the
// program's network while connecting; a person who declines that switch leaves no connection and
// no error anywhere (the modal keeps saying "Opening…"). wagmi's state only goes from "connecting"
// back to "disconnected": seen here, the wallet is asked which network it is on, so the page can
// say which one is needed and how to get there.
import { useEffect, useRef, useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { programChainId } from "../config.ts";

/** The wallet's network after a connection attempt failed on another network than the program's; null otherwise. */
export function useRefusedConnect(): { walletChainId: number } | null {
  const { status } = useAccount();
  const config = useConfig();
  const previous = useRef(status);
  const [refused, setRefused] = useState<{ walletChainId: number } | null>(null);

  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (status !== "disconnected") {
      if (status === "connected") setRefused(null);
      return;
    }
    if (was !== "connecting") return;
    let live = true;
    void Promise.all(config.connectors.map((c) => c.getChainId().catch(() => null))).then((ids) => {
      const other = ids.find((id): id is number => id !== null && id !== programChainId);
      if (live) setRefused(other === undefined ? null : { walletChainId: other });
    });
    return () => {
      live = false;
    };
  }, [status, config]);

  return refused;
}

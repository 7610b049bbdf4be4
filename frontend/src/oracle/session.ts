// Sign-In with Ethereum to the oracle: the oracle hands out the nonce and says which domain, URI
// and chain the message must name; the wallet signs; the oracle sets an HttpOnly cookie.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAccount, useSignMessage } from "wagmi";
import { signInMessage } from "../../../oracle/protocol/oracle-client.ts";
import { oracle, type SessionAnswer } from "./client.ts";

const SESSION_KEY = ["oracle", "session"] as const;

/** The oracle session, or null when signed out. */
export function useOracleSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    retry: false,
    // GET /session answers 200 signed in or not, so a signed-out page logs no failed request.
    queryFn: async (): Promise<SessionAnswer | null> => {
      const state = await oracle.session();
      return state.address && state.expiresAt ? { address: state.address, expiresAt: state.expiresAt } : null;
    },
  });
}

export function useSignIn() {
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      if (!address) throw new Error("connect a wallet first");
      const n = await oracle.nonce();
      const message = signInMessage(n, address, "Sign in to the 1TT oracle to upload data and read your reports.");
      const signature = await signMessageAsync({ message });
      return oracle.verify({ message, signature });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["oracle"] }),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => oracle.signOut(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["oracle"] }),
  });
}

// The signed-in contributor's reader key at the oracle: GET and PUT /session/reader-key. The
// oracle wraps each upload's data key for the key registered when it was uploaded, so the
// contributor can decrypt their own data later; the private key never leaves the page.
import { useQuery } from "@tanstack/react-query";
import { oracle, type ReaderKeyAnswer } from "./client.ts";

export const READER_KEY_QUERY = ["oracle", "reader-key"] as const;

/** The registered key, or null when there is none (read from GET /session, which answers 200 either way). */
export async function fetchRegisteredReaderKey(): Promise<ReaderKeyAnswer | null> {
  return (await oracle.session()).readerKey;
}

/** Registers `publicKey` (0x + 64 hex) for the signed-in address, replacing any earlier key for future uploads. */
export function registerReaderKey(publicKey: `0x${string}`): Promise<ReaderKeyAnswer> {
  return oracle.registerReaderKey(publicKey);
}

export function useRegisteredReaderKey(signedIn: boolean) {
  return useQuery({ queryKey: READER_KEY_QUERY, enabled: signedIn, retry: false, queryFn: fetchRegisteredReaderKey });
}

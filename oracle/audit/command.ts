// The `1tt audit` command line for a program, the same wherever it is suggested (the auditor
// page, `npm start`'s summary): every flag is one the CLI takes, and a value the caller does not
// know is left as an <angle-bracket> blank for the reader to fill.
export interface AuditCommandParameters {
  rpcUrl: string;
  splitter: string;
  fromBlock?: bigint;
  /** Where the data is read: an IPFS gateway, or the oracle's URL (it serves every CID it stored). */
  gateway?: string;
  readerRegistry?: string;
  /** The auditor's view key: with it the command replays (the default with --view-key). */
  viewKey?: { keystore?: string; passphraseFile?: string } | null;
  json?: string;
}

export function auditCommand(o: AuditCommandParameters): string {
  return [
    "npx 1tt audit",
    `--rpc ${o.rpcUrl}`,
    `--splitter ${o.splitter}`,
    o.fromBlock !== undefined ? `--from-block ${o.fromBlock}` : "",
    `--gateway ${o.gateway || "<IPFS gateway URL>"}`,
    o.readerRegistry ? `--reader-registry ${o.readerRegistry}` : "",
    o.viewKey ? `--view-key ${o.viewKey.keystore || "<your view key file>"}` : "",
    o.viewKey?.passphraseFile ? `--view-key-passphrase-file ${o.viewKey.passphraseFile}` : "",
    o.json ? `--json ${o.json}` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

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

/** A value as a POSIX shell reads it back unchanged (a path with a space or a quote stays one argument). */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

export function auditCommand(o: AuditCommandParameters): string {
  return [
    "npx 1tt audit",
    `--rpc ${shellWord(o.rpcUrl)}`,
    `--splitter ${shellWord(o.splitter)}`,
    o.fromBlock !== undefined ? `--from-block ${o.fromBlock}` : "",
    `--gateway ${o.gateway ? shellWord(o.gateway) : "<IPFS gateway URL>"}`,
    o.readerRegistry ? `--reader-registry ${shellWord(o.readerRegistry)}` : "",
    o.viewKey ? `--view-key ${o.viewKey.keystore ? shellWord(o.viewKey.keystore) : "<your view key file>"}` : "",
    o.viewKey?.passphraseFile ? `--view-key-passphrase-file ${shellWord(o.viewKey.passphraseFile)}` : "",
    o.json ? `--json ${shellWord(o.json)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

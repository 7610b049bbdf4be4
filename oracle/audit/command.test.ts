import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { auditCommand } from "./command.ts";

/** The arguments a POSIX shell passes to `npx` for the command line. */
const argumentsOf = (line: string) => execFileSync("sh", ["-c", `printf '%s\\n' ${line.replace(/^npx /, "")}`]).toString().trimEnd().split("\n");

describe("the suggested 1tt audit command", () => {
  it("names the keystore and passphrase file so that a shell passes them unchanged, spaces and quotes included", () => {
    const keystore = "/srv/my state/auditor's/keystore.json";
    const line = auditCommand({ rpcUrl: "http://127.0.0.1:8545", splitter: "0xCafac3dD18aC6c6e92c921884f9E4176737C052c", gateway: "http://127.0.0.1:8787", readerRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", viewKey: { keystore, passphraseFile: "/srv/p" } });
    assert.deepEqual(argumentsOf(line), [
      "1tt", "audit", "--rpc", "http://127.0.0.1:8545", "--splitter", "0xCafac3dD18aC6c6e92c921884f9E4176737C052c", "--gateway", "http://127.0.0.1:8787",
      "--reader-registry", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "--view-key", keystore, "--view-key-passphrase-file", "/srv/p",
    ]);
  });

  it("leaves what it does not know as a blank to fill, and asks for no replay without a key", () => {
    assert.equal(auditCommand({ rpcUrl: "http://rpc", splitter: "0x1", viewKey: {} }), "npx 1tt audit --rpc http://rpc --splitter 0x1 --gateway <IPFS gateway URL> --view-key <your view key file>");
    assert.doesNotMatch(auditCommand({ rpcUrl: "http://rpc", splitter: "0x1", gateway: "http://g" }), /--view-key|--replay/);
  });
});

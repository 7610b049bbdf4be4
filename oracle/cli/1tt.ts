#!/usr/bin/env node
// The `1tt` command line: one entry point, one module per command.
import { Command } from "commander";
import { registerAudit } from "./audit.ts";
import { registerFetch } from "./fetch.ts";
import { registerGrantHistory } from "./grant-history.ts";
import { registerKeys } from "./keys.ts";
import { registerNode } from "./node.ts";
import { registerPreprocess } from "./preprocess.ts";
import { registerTakeover } from "./takeover.ts";
import { packageVersion } from "./version.ts";

const program = new Command("1tt")
  .description("1TT: open preprocessing, token counts and payouts that anyone can check")
  .version(packageVersion(), "-V, --version", "print the version of 1tt")
  .showHelpAfterError();
registerPreprocess(program);
registerAudit(program);
registerFetch(program);
registerKeys(program);
registerNode(program);
registerGrantHistory(program);
registerTakeover(program);
await program.parseAsync(process.argv);

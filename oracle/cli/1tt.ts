#!/usr/bin/env node
// The `1tt` command line: one entry point, one module per command.
import { Command } from "commander";
import { registerAudit } from "./audit.ts";
import { registerPreprocess } from "./preprocess.ts";

const program = new Command("1tt")
  .description("1TT: open preprocessing, token counts and payouts that anyone can check")
  .showHelpAfterError();
registerPreprocess(program);
registerAudit(program);
await program.parseAsync(process.argv);

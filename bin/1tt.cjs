#!/usr/bin/env node
// The `1tt` command. In a checkout of the repository it runs the TypeScript sources; an installed
// package has only their compiled JavaScript (dist/, built when the package is packed), because
// Node does not run .ts files from node_modules. CommonJS, so that an old Node reaches the check.
"use strict";
require("./check-node.cjs");
const { existsSync } = require("fs");
const { join } = require("path");
const { pathToFileURL } = require("url");

const source = join(__dirname, "..", "oracle", "cli", "1tt.ts");
const entry = existsSync(source) ? source : join(__dirname, "..", "dist", "oracle", "cli", "1tt.js");
import(pathToFileURL(entry).href);

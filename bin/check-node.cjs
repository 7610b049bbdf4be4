// Stops the `1tt` command or an npm script at once, in one line, when the Node that would run it
// is older than package.json's engines (plain CommonJS with no syntax newer than Node 8, so that
// any Node can say so).
"use strict";
const path = require("path");
const minimum = require(path.join(__dirname, "..", "package.json")).engines.node.replace(/^>=\s*/, "");
const parts = (v) => v.split(".").map(Number);
const [have, need] = [parts(process.versions.node), parts(minimum)];
const older = have[0] !== need[0] ? have[0] < need[0] : have[1] !== need[1] ? have[1] < need[1] : have[2] < need[2];
if (older) {
  console.error(
    "1TT needs Node.js >= " + minimum + " (it runs .ts files without a flag and reads zstd streams); " +
      "this is " + process.version + " at " + process.execPath + ". In a checkout of 1TT, `bash scripts/setup.sh` installs it into .tools/node.",
  );
  process.exit(1);
}

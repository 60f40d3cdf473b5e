/**
 * Write the command line's V8 code cache (src/cli/codecache.ts) into dist/v8-cache: check the
 * workbooks in examples/ once, in this process, then save the compiled code of every module the
 * check used. Run by `npm run build:cli` after tsc. The cache is optional: when anything here fails,
 * it says so and the build goes on (the command line then compiles its modules as usual).
 */
import * as fs from "fs";
import * as path from "path";
import { useCodeCache, writeCodeCache } from "../src/cli/codecache";

const DIST = path.join(__dirname, "..");
const ROOT = path.join(DIST, "..");

async function run(): Promise<void> {
  const examples = path.join(ROOT, "examples");
  const cacheDir = path.join(DIST, "v8-cache");
  fs.rmSync(cacheDir, { recursive: true, force: true });
  if (!fs.existsSync(examples)) {
    console.log("code cache: examples/ not found, no cache written");
    return;
  }
  if (!useCodeCache(DIST, { record: true, cacheDir })) {
    console.log("code cache: not available here (PLANSHEET_CODE_CACHE=0, or Node without zlib.crc32)");
    return;
  }
  // what `plansheet` loads (the bundle while it is current), and the modules one by one (loaded when
  // the bundle is not current, and by worker threads): each checks the examples once
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cliEntry } = require(path.join(DIST, "src", "cli", "entry.js")) as typeof import("../src/cli/entry");
  const entries = new Set([cliEntry(DIST), path.join(DIST, "src", "cli", "main.js")]);
  for (const entry of entries) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(entry) as typeof import("../src/cli/main");
    // V8's flags as they are when `plansheet` loads its modules (the data is refused under other flags)
    await main(["check", examples, "--json"], { stdout: () => {}, stderr: () => {} });
  }
  console.log(`code cache: ${writeCodeCache()} modules in ${path.relative(ROOT, cacheDir)}`);
}

run().catch((e) => {
  console.log(`code cache: not written (${e instanceof Error ? e.message : String(e)})`);
});

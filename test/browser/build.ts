/**
 * Builds the web pages once (webpack production) for the browser and bundle tests. The output dir
 * is keyed by a hash of the inputs, so test files running in parallel share one build (a lock dir
 * guards it) and an unchanged tree is not rebuilt.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");
const INPUTS = [
  "src",
  "webpack.config.js",
  "scripts/webpack-no-function-loader.js",
  "scripts/manifest.js",
  "scripts/texts.js",
  "package-lock.json",
  "tsconfig.json",
  "assets",
  "test/office/fakeExcel.ts",
  "test/browser/layout.ts",
  "test/browser/fake-office",
];
const PREFIX = "plansheet-web-";

function walk(p: string, out: string[]): void {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n), out);
  else out.push(p);
}

function inputHash(): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(path.join(ROOT, i), files);
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The directory of a production build of the current sources (built if needed). */
export async function ensureBuild(): Promise<string> {
  // Debugging hook: use a build made by hand (e.g. webpack --mode development --env outputPath=DIR).
  if (process.env.PLANSHEET_WEB_DIR) {
    const d = path.resolve(process.env.PLANSHEET_WEB_DIR);
    if (!fs.existsSync(path.join(d, "test-only/fake-office.js"))) {
      spawnSync(process.execPath, [path.join(ROOT, "test/browser/fake-office/build.js"), path.join(d, "test-only")], { cwd: ROOT });
    }
    return d;
  }
  const dir = path.join(os.tmpdir(), PREFIX + inputHash());
  const done = path.join(dir, ".complete");
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (fs.existsSync(done)) return dir;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building: wait for it (or take over a stale lock).
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the webpack build in ${dir}`);
      await sleep(1000);
    }
  }
  try {
    if (fs.existsSync(done)) return dir;
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const r = spawnSync(process.execPath, [cli, "--mode", "production", "--env", `outputPath=${dir}`], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      throw new Error(`webpack build failed (exit ${r.status}):\n${(r.stdout || "").slice(-4000)}\n${(r.stderr || "").slice(-4000)}`);
    }
    // The stand-in Office.js for the in-Excel tests (kept out of the pages' own output).
    const fake = spawnSync(process.execPath, [path.join(ROOT, "test/browser/fake-office/build.js"), path.join(dir, "test-only")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (fake.status !== 0) throw new Error(`fake Office.js build failed:\n${fake.stdout}\n${fake.stderr}`);
    fs.writeFileSync(done, new Date().toISOString());
    // Older builds of other trees are of no further use.
    for (const n of fs.readdirSync(os.tmpdir())) {
      const p = path.join(os.tmpdir(), n);
      if (n.startsWith(PREFIX) && p !== dir && p !== lock && !n.endsWith(".lock")) fs.rmSync(p, { recursive: true, force: true });
    }
    return dir;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The script files a built page loads (from its <script src> tags, same origin only). */
export function pageScripts(dir: string, page: string): string[] {
  const html = fs.readFileSync(path.join(dir, page), "utf8");
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)) {
    if (!/^https?:/.test(m[1])) out.push(path.join(dir, m[1]));
  }
  return out;
}

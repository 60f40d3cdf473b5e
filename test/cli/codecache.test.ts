/**
 * The command line's V8 code cache (src/cli/codecache.ts): used when the module's source is the
 * one it was made from, never when the source has changed (even to a text of the same length, which
 * V8's own check would let through), and the check's output is the same with and without it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, ROOT } from "../batch/build";

const CODECACHE = path.join(ROOT, "dist", "src", "cli", "codecache.js");
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-codecache-"));
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Run a script in a new Node process with the built codecache module as `cc`; returns its JSON line. */
function node(script: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ["-e", `const cc = require(${JSON.stringify(CODECACHE)});\n${script}`], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

test("a module's cached code is used, and not once its source has changed", () => {
  const dist = path.join(tmp, "dist");
  const mod = path.join(dist, "src", "m.js");
  fs.mkdirSync(path.dirname(mod), { recursive: true });
  fs.writeFileSync(mod, `exports.answer = function () { return "first"; };\n`);
  const load = `cc.useCodeCache(${JSON.stringify(dist)}); const a = require(${JSON.stringify(mod)}).answer(); console.log(JSON.stringify({ a, stats: cc.codeCacheStats() }));`;

  const made = node(`cc.useCodeCache(${JSON.stringify(dist)}, { record: true }); require(${JSON.stringify(mod)}).answer(); console.log(JSON.stringify({ written: cc.writeCodeCache() }));`);
  expect(made.written).toBe(1);
  expect(fs.existsSync(path.join(dist, "v8-cache", "src", "m.js.v8"))).toBe(true);

  expect(node(load)).toEqual({ a: "first", stats: { used: 1, refused: 0, compiled: 0 } });
  // turned off: compiled as usual
  expect(node(load, { PLANSHEET_CODE_CACHE: "0" })).toEqual({ a: "first", stats: { used: 0, refused: 0, compiled: 0 } });

  // the same length, another text: the cache is not used and the new code runs
  fs.writeFileSync(mod, `exports.answer = function () { return "other"; };\n`);
  expect(node(load)).toEqual({ a: "other", stats: { used: 0, refused: 0, compiled: 1 } });
});

test("the build's cache is used by the command line, and check prints the same with and without it", () => {
  const examples = path.join(ROOT, "examples");
  const dist = path.join(ROOT, "dist");
  const run = `cc.useCodeCache(${JSON.stringify(dist)});
const out = [];
require(${JSON.stringify(path.join(dist, "src", "cli", "main.js"))})
  .main(["check", ${JSON.stringify(examples)}, "--json"], { stdout: (s) => out.push(s), stderr: () => {} })
  .then((code) => console.log(JSON.stringify({ code, out: out.join("\\n"), stats: cc.codeCacheStats() })));`;
  // the build writes the cache (npm run build:cli); write it here too when the test built dist itself
  if (!fs.existsSync(path.join(dist, "v8-cache"))) {
    spawnSync(process.execPath, [path.join(dist, "scripts", "code-cache.js")], { encoding: "utf8" });
  }
  const cached = node(run);
  const plain = node(run, { PLANSHEET_CODE_CACHE: "0" });
  expect(cached.stats.used).toBeGreaterThan(30);
  expect(cached.stats.refused).toBe(0);
  expect(plain.stats.used).toBe(0);
  expect(cached.code).toBe(plain.code);
  expect(cached.out).toBe(plain.out);
  expect(JSON.parse(cached.out).files.length).toBe(fs.readdirSync(examples).filter((f) => f.endsWith(".xlsx")).length);
});

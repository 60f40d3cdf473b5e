/**
 * Which file `plansheet` starts from (src/cli/entry.ts): the bundle only while every module it was
 * made from is unchanged; and the built command prints the same with and without the bundle.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUNDLE, BUNDLE_MANIFEST, bundleIsCurrent, cliEntry } from "../../src/cli/entry";
import { ensureBuilt, ROOT } from "../batch/build";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-entry-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the bundle while its modules are as they were; main.js once one has changed or is gone", () => {
  const dist = path.join(tmp, "dist");
  const cli = path.join(dist, "src", "cli");
  fs.mkdirSync(cli, { recursive: true });
  const mod = path.join(dist, "src", "engine.js");
  fs.writeFileSync(mod, "exports.x = 1;\n");
  expect(cliEntry(dist)).toBe(path.join(cli, "main.js")); // no bundle
  fs.writeFileSync(path.join(cli, BUNDLE), "module.exports = {};\n");
  expect(cliEntry(dist)).toBe(path.join(cli, "main.js")); // no manifest
  const st = fs.statSync(mod);
  fs.writeFileSync(path.join(cli, BUNDLE_MANIFEST), JSON.stringify({ modules: [{ file: "src/engine.js", size: st.size, mtimeMs: st.mtimeMs }] }));
  expect(bundleIsCurrent(dist)).toBe(true);
  expect(cliEntry(dist)).toBe(path.join(cli, BUNDLE));
  // built again (same size, another time): not current
  fs.utimesSync(mod, new Date(st.mtimeMs + 5000), new Date(st.mtimeMs + 5000));
  expect(cliEntry(dist)).toBe(path.join(cli, "main.js"));
  // the bundle made again from it: current
  const again = fs.statSync(mod);
  fs.writeFileSync(path.join(cli, BUNDLE_MANIFEST), JSON.stringify({ modules: [{ file: "src/engine.js", size: again.size, mtimeMs: again.mtimeMs }] }));
  expect(cliEntry(dist)).toBe(path.join(cli, BUNDLE));
  fs.rmSync(mod);
  expect(cliEntry(dist)).toBe(path.join(cli, "main.js"));
});

test("the built command: the same output from the bundle and from the modules", () => {
  ensureBuilt();
  const dist = path.join(ROOT, "dist");
  if (!bundleIsCurrent(dist)) {
    // the test built dist/ with tsc alone: make the bundle as npm run build:cli does
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--config", path.join(ROOT, "webpack.cli.config.js")], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
  }
  expect(bundleIsCurrent(dist)).toBe(true);
  const bin = path.join(ROOT, "bin", "plansheet.js");
  const examples = path.join(ROOT, "examples");
  const run = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  for (const args of [["check", examples, "--json"], ["check", examples, "--verbose", "--lang", "en"], ["check", path.join(tmp, "missing.xlsx")]]) {
    const bundled = run({}, ...args);
    const plain = run({ PLANSHEET_BUNDLE: "0" }, ...args);
    expect(bundled.status).toBe(plain.status);
    expect(bundled.stdout).toBe(plain.stdout);
    expect(bundled.stderr).toBe(plain.stderr);
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(20);
  }
}, 120_000);

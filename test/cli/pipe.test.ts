/**
 * The built command line with its output piped into a reader that has already gone away
 * (`plansheet check … | head -1`): no crash, no stack trace, the computed exit code.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, ROOT } from "../batch/build";
import { buildFixture } from "../fixtures/workbooks";

const BIN = path.join(ROOT, "bin", "plansheet.js");
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-pipe-"));
  for (const [layout, variant] of [
    ["management-rate", "errors"],
    ["management-rate", "clean"],
    ["progress", "errors"],
  ] as const) {
    fs.writeFileSync(path.join(dir, `${layout}-${variant}.xlsx`), (await buildFixture(layout, variant)).buffer);
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Run `node bin/plansheet.js ARGS` with the given stream piped into `true`, which exits (closing the
 * pipe) long before node has started; prints the CLI's exit status on the last line of stdout.
 */
function runPiped(stream: "stdout" | "stderr", ...args: string[]) {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cli = `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(" ")}`;
  // stdout piped: stderr goes to ours. stderr piped: swap so that stderr goes into the pipe.
  const script =
    stream === "stdout"
      ? `${cli} | true; echo "exit=\${PIPESTATUS[0]}"`
      : `{ ${cli} 3>&1 1>&2 2>&3 | true; } 2>/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
  const r = spawnSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  const m = /exit=(\d+)\s*$/.exec(r.stdout);
  return { code: m ? Number(m[1]) : null, stderr: r.stderr };
}

const STACK = /^\s+at .+/m;

test("check of a folder into a closed pipe: exit 1 (errors found), no stack trace", () => {
  const r = runPiped("stdout", "check", dir);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain("EPIPE");
  expect(r.code).toBe(1);
});

test("check --json and --lang en into a closed pipe: same exit code, no stack trace", () => {
  const r = runPiped("stdout", "check", dir, "--json", "--lang", "en");
  expect(r.stderr).not.toMatch(STACK);
  expect(r.code).toBe(1);
});

test("fill into a closed pipe still writes its output file, exit 0", () => {
  const out = path.join(dir, "filled.xlsx");
  const r = runPiped("stdout", "fill", path.join(dir, "management-rate-errors.xlsx"), "-o", out);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain("EPIPE");
  expect(r.code).toBe(0);
  expect(fs.statSync(out).size).toBeGreaterThan(1000);
});

test("messages to a closed stderr: the computed exit code 2, not a crash", () => {
  const r = runPiped("stderr", "check", path.join(dir, "no-such-file.xlsx"));
  expect(r.code).toBe(2);
  const bad = runPiped("stderr", "fill", "--frobnicate");
  expect(bad.code).toBe(2);
});

test("a slow reader gets the whole JSON and the exit code (the command exits once its output is out)", () => {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // the reader starts reading only after the command could have ended
  const script = `${q(process.execPath)} ${q(BIN)} check ${q(dir)} --json | { sleep 0.5; cat; }; echo "exit=\${PIPESTATUS[0]}"`;
  const r = spawnSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  const m = /\nexit=(\d+)\s*$/.exec(r.stdout);
  expect(m?.[1]).toBe("1");
  const json = JSON.parse(r.stdout.slice(0, m!.index)) as { files: { file: string }[] };
  // every workbook in the folder (the fill test above may have added filled.xlsx)
  const inFolder = fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort();
  expect(inFolder.length).toBeGreaterThanOrEqual(3);
  expect(json.files.map((f) => path.basename(f.file)).sort()).toEqual(inFolder);
});

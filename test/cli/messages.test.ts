/**
 * The command line says everything through src/messages.ts: no Japanese text under --lang en, no
 * English under ja, and no kana/kanji string literal left in src/cli.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { buildFixture } from "../fixtures/workbooks";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-cli-msg-"));
  fs.writeFileSync(path.join(dir, "errors.xlsx"), (await buildFixture("management-rate", "errors")).buffer);
  fs.mkdirSync(path.join(dir, "フォルダ.xlsx"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  return { code, out, err };
}

describe("fill", () => {
  test("an empty cell is （空） in Japanese and (empty) in English", async () => {
    const input = path.join(dir, "errors.xlsx");
    const ja = await run("fill", input, "--dry-run");
    const en = await run("fill", input, "--dry-run", "--lang", "en");
    expect(ja.code).toBe(0);
    expect(en.code).toBe(0);
    // G21: empty trend mark → －; H20: empty rate → 75.0%
    expect(ja.out).toMatch(/G21: （空） → －/);
    expect(ja.out).toMatch(/H20: （空） → 75\.0%/);
    expect(en.out).toMatch(/G21: \(empty\) → －/);
    expect(en.out).toMatch(/H20: \(empty\) → 75\.0%/);
    expect(en.out).not.toContain("（空）");
    expect(ja.out).not.toContain("(empty)");
  });

  test("no input file: exit 2, asked for in the message language", async () => {
    const ja = await run("fill", "-o", path.join(dir, "o.xlsx"));
    expect(ja.code).toBe(2);
    expect(ja.err).toContain("入力ファイル（1つ）を指定してください。");
    const en = await run("fill", "-o", path.join(dir, "o.xlsx"), "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.err).toContain("Give one input file.");
    expect(en.err).not.toContain("入力ファイル");
  });

  test("a folder given as the input: the reason in the message language", async () => {
    const folder = path.join(dir, "フォルダ.xlsx");
    const ja = await run("fill", folder, "-o", path.join(dir, "o.xlsx"));
    expect(ja.code).toBe(2);
    expect(ja.err).toContain(folder);
    expect(ja.err).toContain("フォルダです");
    const en = await run("fill", folder, "-o", path.join(dir, "o.xlsx"), "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.err).toContain("it is a folder");
    expect(en.err).not.toContain("フォルダです");
  });
});

describe("check", () => {
  test("severity labels and the list of tables in the message language", async () => {
    const input = path.join(dir, "errors.xlsx");
    const ja = await run("check", input);
    const en = await run("check", input, "--lang", "en");
    expect(ja.code).toBe(1);
    expect(en.code).toBe(1);
    expect(ja.out).toMatch(/\[エラー\] \S+!G18 \(trend-mark-mismatch\)/);
    expect(ja.out).toMatch(/\[警告\] \S+!H17 \(formula-error\)/);
    expect(en.out).toMatch(/\[error\] \S+!G18 \(trend-mark-mismatch\)/);
    expect(en.out).toMatch(/\[warning\] \S+!H17 \(formula-error\)/);
    expect(ja.out).toContain("A15:I24、");
    expect(en.out).toContain("A15:I24, ");
    expect(en.out).not.toMatch(/\[(エラー|警告|情報)\]/);
    expect(ja.out).not.toMatch(/\[(error|warning|info)\]/);
  });
});

test("no kana or kanji string literal in src/cli (texts live in src/messages.ts)", () => {
  const root = path.join(__dirname, "../../src/cli");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (/\.tsx?$/.test(e.name)) files.push(path.join(d, e.name));
    }
  };
  walk(root);
  expect(files.length).toBeGreaterThan(3);
  const found: string[] = [];
  for (const f of files) {
    // Drop comments, then look for a quoted or template literal holding kana/kanji.
    const code = fs
      .readFileSync(f, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
    for (const m of code.matchAll(/(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
      if (/[\u3040-\u30ff\u3400-\u9fff]/.test(m[2])) found.push(`${path.relative(root, f)}: ${m[0]}`);
    }
  }
  expect(found).toEqual([]);
});

/**
 * examples/README.md says what `plansheet check examples/` really prints: its last line (totals) in
 * both languages, and every finding its tables list is reported by `check` on that cell, with that
 * rule and severity. (Regenerate the README with `npm run examples` when the engine changes.)
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(ROOT, "examples");
const readme = fs.readFileSync(path.join(EXAMPLES, "README.md"), "utf8");

async function run(...args: string[]) {
  let out = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: () => undefined, isTTY: false });
  return { code, lines: out.trimEnd().split("\n"), out };
}

test("the README quotes the totals line `check examples/` prints, in Japanese and in English", async () => {
  const ja = await run("check", EXAMPLES);
  const en = await run("check", EXAMPLES, "--lang", "en");
  expect(ja.code).toBe(1);
  const last = ja.lines[ja.lines.length - 1];
  expect(last).toMatch(/^\d+ ファイル: エラー \d+ 件、警告 \d+ 件、情報 \d+ 件$/);
  expect(readme).toContain(`「${last}」`);
  const lastEn = en.lines[en.lines.length - 1];
  expect(readme).toContain(`"${lastEn}"`);
});

test("every finding listed in the README is reported by check, on that cell, with that rule and severity", async () => {
  const r = await run("check", EXAMPLES, "--json");
  const files = (JSON.parse(r.out) as { files: { issues: { sheet: string; cell: string; rule: string; severity: string }[] }[] }).files;
  const reported = new Set(files.flatMap((f) => f.issues.map((i) => `${i.sheet}!${i.cell} ${i.rule} ${i.severity}`)));
  const listed = [...readme.matchAll(/^\| (\S+!\w+) \| `([\w-]+)` \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  expect(listed.length).toBeGreaterThan(10);
  expect(listed.filter((l) => !reported.has(l))).toEqual([]);
});

/**
 * "Say what was read": the readable report of one file (or --verbose) lists each indicator table's
 * columns with their role and year, the row labels of a row-group table, this year, and where
 * nothing is filled and why; fill says the same.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LAYOUT_FIXTURES } from "../layouts/fixtures";
import { runCli } from "../layouts/harness";

async function file(id: string): Promise<string> {
  const f = LAYOUT_FIXTURES.find((x) => x.id === id)!;
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-read-")), f.fileName);
  fs.writeFileSync(p, await f.build());
  return p;
}

test("a two-rows-per-indicator table: roles, years, row labels and this year", async () => {
  const r = await runCli("check", await file("shinko-merged"));
  const line = r.out.split("\n").find((l) => l.includes("の読み取り"))!;
  expect(line).toMatch(/（1指標が複数行: 目標値／実績値）/);
  expect(line).toContain("B=指標名");
  expect(line).toContain("E=基準値（令和3年度）");
  expect(line).toContain("H=年度の列（令和6年度）");
  expect(line).toContain("I=目標値（令和8年度）");
  expect(line).toContain("D=行の区分");
  expect(line).toMatch(/当年度: 令和6年度$/);
});

test("an uncertain table: check says it is not filled and why, fill names the cell and writes nothing there", async () => {
  const p = await file("uncertain");
  const r = await runCli("check", p);
  expect(r.out).toContain("→ 記入しません: 2024年度の実績値の列が2つあり、どちらが当年度か分かりません");
  const en = await runCli("check", p, "--lang", "en");
  expect(en.out).toContain("How A3:H5 was read: A=indicator B=unit C=baseline (FY2021) D=actual (FY2024) E=actual (FY2024)");
  const fill = await runCli("fill", p, "--dry-run");
  expect(fill.out).toContain("記入しません 重複年度!E3:");
  expect(fill.out).toContain("記入しません 目標なし!A3: この指標の表には目標値の列が見つかりません。");
  expect(fill.out).not.toMatch(/重複年度![A-Z]+\d+: .* → /);
});

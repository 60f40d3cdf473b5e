/**
 * A folder is checked in flat memory: each file's result is written in file order as soon as it
 * and those before it are done, and then dropped. The output is the same text as before (the whole
 * `--json` object stringified at once), through worker threads and in one thread.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt } from "./build";
import { run } from "../../src/cli/commands/check";
import { checkPaths } from "../../src/cli/batch";
import type { CommandContext } from "../../src/cli/main";
import type { FileResult } from "../../src/engine/report/types";
import { addIndicatorSheet, addProgressSheet, makeIndicatorRows, makeProgressItems, rng } from "../../scripts/bench-workbooks";

const root = path.join(__dirname, "..", "..");
const unit = { module: path.join(root, "src/cli/check-file.ts"), exportName: "checkFile" };
let dir: string;
const names: string[] = [];

function ctx() {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { locale: "ja", stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false };
  return { c, out, err };
}

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-stream-"));
  for (let i = 0; i < 14; i++) {
    const rand = rng(300 + i);
    const wb = new ExcelJS.Workbook();
    // every third one larger, so that workers finish out of order
    addIndicatorSheet(wb, "施策", { year: 2024, rows: makeIndicatorRows(rand, i % 3 === 0 ? 40 : 3, 2024), wrongMarks: new Set(i % 4 === 0 ? [1] : []) });
    if (i % 2) addProgressSheet(wb, "進捗状況一覧表", 2024, makeProgressItems(rand, 3));
    const name = `${String(i).padStart(2, "0")}.xlsx`;
    names.push(name);
    await wb.xlsx.writeFile(path.join(dir, name));
  }
  fs.writeFileSync(path.join(dir, "07b_broken.xlsx"), "not a zip");
  names.splice(8, 0, "07b_broken.xlsx");
}, 180000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("streamed results", () => {
  test.each(["always", "never"] as const)("onOrdered gives every file once, in file order, keeping none (workers: %s)", async (workers) => {
    const seen: string[] = [];
    const indexes: number[] = [];
    const r = await checkPaths([dir], {
      unit,
      unitOptions: { locale: "ja", settings: {} },
      workers,
      keepResults: false,
      onOrdered: (f: FileResult, i: number) => {
        seen.push(path.basename(f.file));
        indexes.push(i);
      },
    });
    expect(seen).toEqual(names);
    expect(indexes).toEqual(names.map((_, i) => i));
    expect(r.files).toEqual([]);
  });

  test("--json is the same text as the whole object stringified at once", async () => {
    const { c, out } = ctx();
    const code = await run([dir, "--json"], c);
    expect(code).toBe(1); // wrong marks are errors
    const text = out.join("\n");
    const parsed = JSON.parse(text) as { files: { file: string; error: string | null; indicators: unknown[] }[] };
    expect(text).toBe(JSON.stringify(parsed, null, 2));
    expect(parsed.files.map((f) => path.basename(f.file))).toEqual(names);
    expect(parsed.files[8].error).toMatch(/07b_broken\.xlsx/);
    expect(parsed.files[0].indicators).toHaveLength(40);
  });

  test("--json of a folder without workbooks is an empty list, exit 2", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-stream-empty-"));
    try {
      const { c, out, err } = ctx();
      expect(await run([empty, "--json"], c)).toBe(2);
      expect(out.join("\n")).toBe(JSON.stringify({ files: [] }, null, 2));
      expect(err.join("\n")).toContain(empty);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test("the readable report lists the files in order and sums them up", async () => {
    const { c, out } = ctx();
    await run([dir], c);
    const headers = out.filter((l) => !l.startsWith(" ") && names.some((n) => l.includes(n)));
    expect(headers.map((l) => names.find((n) => l.includes(n)))).toEqual(names);
    expect(out[out.length - 1]).toMatch(/15/); // the totals line names the 15 files
  });
});

/**
 * `plansheet export`: every number in the indicator tables' value areas appears exactly once, with
 * the right kind, year and cell, and nothing else does — for every fixture shape (one row per
 * indicator, two and three rows per indicator, the 事務事業評価シート form) and for examples/.
 * What the export must hold is derived from the workbook's cells (exceljs) by the hand-written areas
 * of ./spec.ts, not from the engine.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES } from "../fixtures/workbooks";
import { LAYOUT_FIXTURES } from "../layouts/fixtures";
import { readCells, runCli } from "../layouts/harness";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { openDataCsv, openDataRecords, eraYearLabel, OPEN_DATA_COLUMNS, type OpenDataRecord } from "../../src/engine/export/openData";
import { t } from "../../src/messages";
import { areaCells, LAYOUT_AREAS, WORKBOOK_AREAS, type Area, type ExpectedDatum } from "./spec";

async function records(buffer: Buffer, file: string): Promise<OpenDataRecord[]> {
  const wb = XlsxWorkbook.fromBuffer(buffer, file);
  return openDataRecords(await wb.readSnapshot(), file);
}

const key = (d: { sheet: string; cell: string }) => `${d.sheet}!${d.cell}`;
const order = (a: ExpectedDatum, b: ExpectedDatum) => key(a).localeCompare(key(b));

/** What the export must hold, from the cells of the areas; and the area's cells that hold no number. */
async function expectedOf(buffer: Buffer, areas: Area[]): Promise<{ numbers: ExpectedDatum[]; texts: Set<string> }> {
  const cells = await readCells(buffer);
  const numbers: ExpectedDatum[] = [];
  const texts = new Set<string>();
  for (const area of areas) {
    for (const c of areaCells(area, cells.get(area.sheet)!)) {
      if (c.value !== null) {
        // a number where no datum belongs (e.g. under the 基準 column on a 目標値 row) would be a kind null: fail loudly
        expect({ cell: c.cell, kind: c.kind }).toEqual({ cell: c.cell, kind: expect.any(String) });
        numbers.push({ sheet: area.sheet, cell: c.cell, kind: c.kind!, year: c.year, value: c.value });
      } else texts.add(`${area.sheet}!${c.cell}`);
    }
  }
  return { numbers: numbers.sort(order), texts };
}

function numbersOf(recs: OpenDataRecord[]): ExpectedDatum[] {
  return recs
    .filter((r) => r.value !== null)
    .map((r) => ({ sheet: r.sheet, cell: r.cell, kind: r.kind, year: r.fiscalYear, value: r.value! }))
    .sort(order);
}

function checkExact(recs: OpenDataRecord[], expected: { numbers: ExpectedDatum[]; texts: Set<string> }) {
  // every number exactly once, with its kind, year and cell; no other number
  expect(numbersOf(recs)).toEqual(expected.numbers);
  // a record without a number is a cell of the areas that holds text (－, 未把握, 上昇 …), with that text as the note
  for (const r of recs.filter((x) => x.value === null)) {
    expect(expected.texts.has(`${r.sheet}!${r.cell}`)).toBe(true);
    expect(r.note).toBeTruthy();
  }
  // the era label goes with the western year
  for (const r of recs) expect(r.fiscalYearLabel).toBe(eraYearLabel(r.fiscalYear));
}

describe("open data: one row per indicator (test/fixtures/workbooks.ts)", () => {
  const withTables = FIXTURES.filter((f) => WORKBOOK_AREAS[f.layout]);
  test("the fixtures with indicator tables are all covered", () => {
    expect(withTables.map((f) => f.layout).sort()).toEqual(
      FIXTURES.filter((f) => ["management-rate", "management-norate", "evaluation-indicators", "programme-targets", "own-indicators"].includes(f.layout))
        .map((f) => f.layout)
        .sort(),
    );
  });
  test.each(withTables.map((f) => [f.id, f] as const))("%s", async (_id, f) => {
    const built = await f.build();
    const recs = await records(built.buffer, `${f.id}.xlsx`);
    checkExact(recs, await expectedOf(built.buffer, WORKBOOK_AREAS[f.layout]));
    // every table the oracle lists as indicators is named by its records
    for (const x of built.expected.tables.filter((x) => x.kind === "indicators")) expect(recs.some((r) => r.sheet === x.sheet)).toBe(true);
  });
  test("fixtures without indicator tables export nothing", async () => {
    for (const f of FIXTURES.filter((x) => x.layout === "progress" || x.layout === "project-list")) {
      const built = await f.build();
      expect(await records(built.buffer, f.id)).toEqual([]);
    }
  });
});

describe("open data: two and three rows per indicator, the 事務事業評価シート (test/layouts/fixtures.ts)", () => {
  const covered = LAYOUT_FIXTURES.filter((f) => LAYOUT_AREAS[f.id]);
  test("the shapes named by the issue are covered", () => {
    expect(covered.map((f) => f.id)).toEqual(expect.arrayContaining(["shinko-merged", "shinko-unmerged", "shinko-three", "jimu-jigyo", "management-programme", "unmerged-header"]));
  });
  test.each(covered.map((f) => [f.id, f] as const))("%s", async (_id, f) => {
    const buffer = await f.build();
    const recs = await records(buffer, f.fileName);
    checkExact(recs, await expectedOf(buffer, LAYOUT_AREAS[f.id]));
  });
  test("a shinko table: the kinds and years of one indicator, by hand", async () => {
    const f = LAYOUT_FIXTURES.find((x) => x.id === "shinko-three")!;
    const recs = (await records(await f.build(), "s.xlsx")).filter((r) => r.indicator === "孤独であると感じる市民の割合");
    const row = (kind: string, year: number | null, value: number | null, cell: string) => ({ kind, fiscalYear: year, value, cell });
    expect(recs.map((r) => ({ kind: r.kind, fiscalYear: r.fiscalYear, value: r.value, cell: r.cell }))).toEqual([
      row("基準値", 2021, 38.4, "E12"),
      row("目標値", 2022, 37, "F11"),
      row("実績値", 2022, 37.5, "F12"),
      row("達成率", 2022, 98.7, "F13"),
      row("目標値", 2023, 36, "G11"),
      row("実績値", 2023, 36, "G12"),
      row("達成率", 2023, 100, "G13"),
      row("目標値", 2024, 35, "H11"),
      row("実績値", 2024, 36.8, "H12"),
      row("達成率", 2024, 90, "H13"),
      row("最終目標", 2026, 30, "I11"),
      row("達成率", 2024, 81.5, "K11"),
    ]);
    expect(recs.every((r) => r.unit === (r.kind === "達成率" ? "%" : "%") && r.direction === "decrease" && r.table === "A4:K16")).toBe(true);
  });
  test("a text where a value belongs: empty value, the text as the note", async () => {
    const f = FIXTURES.find((x) => x.id === "management-rate-clean")!;
    const recs = await records((await f.build()).buffer, "m.xlsx");
    const at = (cell: string) => recs.find((r) => r.cell === cell)!;
    expect(at("D20")).toMatchObject({ kind: "実績値", fiscalYear: 2023, fiscalYearLabel: "令和5年度", value: null, note: "－" });
    expect(at("E21")).toMatchObject({ kind: "実績値", fiscalYear: 2024, value: null, note: "調査未実施" });
    expect(at("F24")).toMatchObject({ kind: "最終目標", fiscalYear: 2026, value: null, note: "上昇\n令和8年度" });
    expect(at("C17")).toMatchObject({ kind: "基準値", fiscalYear: 2021, fiscalYearLabel: "令和3年度", value: 348, unit: "件", note: null });
  });
});

/** RFC 4180 parser (quoted fields with "", CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("plansheet export examples/", () => {
  const EXAMPLES = path.join(__dirname, "..", "..", "examples");
  const layoutOf = (file: string) => Object.keys(WORKBOOK_AREAS).find((l) => path.basename(file).startsWith(l + "-"));

  test("the CSV holds every number of every example's indicator tables exactly once, and nothing else", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ps-export-")), "indicators.csv");
    const r = await runCli("export", EXAMPLES, "-o", out);
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = bytes.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(OPEN_DATA_COLUMNS.map((c) => t("ja", c.header)));
    expect(rows.slice(1).every((r) => r.length === OPEN_DATA_COLUMNS.length)).toBe(true);
    const recs: OpenDataRecord[] = rows.slice(1).map((r) => ({
      file: r[0],
      sheet: r[1],
      table: r[2],
      indicator: r[3],
      unit: r[4] || null,
      direction: r[5] as "increase" | "decrease",
      kind: r[6] as OpenDataRecord["kind"],
      fiscalYear: r[7] ? Number(r[7]) : null,
      fiscalYearLabel: r[8] || null,
      value: r[9] === "" ? null : Number(r[9]),
      note: r[10] || null,
      cell: r[11],
    }));
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".xlsx")).sort();
    let checked = 0;
    for (const f of files) {
      const mine = recs.filter((r) => path.basename(r.file) === f);
      const layout = layoutOf(f);
      if (!layout) {
        expect(mine).toEqual([]); // no indicator table: no record
        continue;
      }
      checkExact(mine, await expectedOf(fs.readFileSync(path.join(EXAMPLES, f)), WORKBOOK_AREAS[layout]));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(recs.every((r) => files.includes(path.basename(r.file)))).toBe(true);
  });

  test("--format json gives the same records; -o - writes to standard output", async () => {
    const json = await runCli("export", EXAMPLES, "--format", "json", "-o", "-");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { records: OpenDataRecord[] };
    const csv = await runCli("export", EXAMPLES, "-o", "-");
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.out.replace(/^\uFEFF/, "").replace(/\n$/, ""));
    expect(rows.length - 1).toBe(parsed.records.length);
    expect(rows.slice(1).map((r) => r[11])).toEqual(parsed.records.map((r) => r.cell));
    expect(Object.keys(parsed.records[0])).toEqual(OPEN_DATA_COLUMNS.map((c) => c.field));
  });

  test("CSV without -o is refused (exit 2, nothing written); a bad file is named and the others exported", async () => {
    const r = await runCli("export", EXAMPLES);
    expect(r.code).toBe(2);
    expect(r.err).toContain("-o");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-export-bad-"));
    fs.writeFileSync(path.join(dir, "broken.xlsx"), "not a workbook");
    fs.copyFileSync(path.join(EXAMPLES, "management-rate-clean.xlsx"), path.join(dir, "good.xlsx"));
    const r2 = await runCli("export", dir, "-o", "-");
    expect(r2.code).toBe(0);
    expect(r2.err).toContain("broken.xlsx");
    expect(r2.out).toContain("good.xlsx");
    const r3 = await runCli("export", path.join(dir, "broken.xlsx"), "-o", "-");
    expect(r3.code).toBe(2);
  });
});

test("CSV quoting: names with commas, quotes and line breaks stay one field; a dash note stays a dash", () => {
  const rec: OpenDataRecord = { file: "a,b.xlsx", sheet: 'S"1', table: "A1:B2", indicator: "x\ny", unit: null, direction: "increase", kind: "実績値", fiscalYear: 2024, fiscalYearLabel: "令和6年度", value: null, note: "-", cell: "B2" };
  const csv = openDataCsv([rec]);
  const rows = parseCsv(csv.slice(1));
  expect(rows[1]).toEqual(["a,b.xlsx", 'S"1', "A1:B2", "x\ny", "", "increase", "実績値", "2024", "令和6年度", "", "-", "B2"]);
  expect(eraYearLabel(2019)).toBe("令和元年度");
  expect(eraYearLabel(2018)).toBe("平成30年度");
});

/**
 * The value areas of the fixtures' indicator tables, written BY HAND from the fixture builders
 * (test/fixtures/workbooks.ts, test/layouts/fixtures.ts): which cells hold baselines, targets,
 * actuals and rates, of which year. The export test reads every cell of these areas from the
 * workbook (exceljs) and derives, with its own small number reader, what the export must hold —
 * nothing here comes from the engine.
 */
import type { CellState } from "../layouts/harness";
import { parseCell } from "../layouts/harness";

export type Kind = "基準値" | "目標値" | "実績値" | "達成率" | "最終目標";

/** A year, or "cell": the year written in the cell itself (348\n令和3年度). */
type Year = number | "cell";

/** One row per indicator: column letter → what it holds. */
export interface RowArea {
  sheet: string;
  rows: [number, number];
  columns: Record<string, { kind: Kind; year: Year }>;
}

/** Several rows per indicator (目標値 / 実績値 / 達成率), years across. */
export interface GroupArea {
  sheet: string;
  rows: [number, number];
  labelColumn: string;
  /** Year columns: column → year (kind from the row's label). */
  years: Record<string, number>;
  /** The 基準 column (its value on the 実績値 row). */
  baseline?: { column: string; year: number };
  /** The final target column (its value on the 目標値 row). */
  final: { column: string; year: number };
  /** A 達成率 column of the whole indicator (this year's rate), on the indicator's first row. */
  rate?: { column: string; year: number };
}

export type Area = RowArea | GroupArea;

const management = (sheet: string, first: number, last: number): RowArea => ({
  sheet,
  rows: [first, last],
  columns: {
    C: { kind: "基準値", year: "cell" },
    D: { kind: "実績値", year: 2023 },
    E: { kind: "実績値", year: 2024 },
    F: { kind: "最終目標", year: "cell" },
    H: { kind: "達成率", year: 2024 },
  },
});

const shinko = (last: number): GroupArea => ({
  sheet: "進行管理表",
  rows: [5, last],
  labelColumn: "D",
  years: { F: 2022, G: 2023, H: 2024 },
  baseline: { column: "E", year: 2021 },
  final: { column: "I", year: 2026 },
  rate: { column: "K", year: 2024 },
});

const jimu = (sheet: string, first: number, last: number): GroupArea => ({
  sheet,
  rows: [first, last],
  labelColumn: "C",
  years: { D: 2022, E: 2023, F: 2024 },
  final: { column: "G", year: 2026 },
});

/** Fixtures of test/fixtures/workbooks.ts, by layout (both variants have the same layout). */
export const WORKBOOK_AREAS: Record<string, Area[]> = {
  "management-rate": [management("マネジメントシート", 17, 24)],
  "management-norate": [
    {
      sheet: "施策06",
      rows: [17, 23],
      columns: { D: { kind: "基準値", year: "cell" }, E: { kind: "実績値", year: 2022 }, F: { kind: "実績値", year: 2023 }, G: { kind: "最終目標", year: "cell" } },
    },
  ],
  "evaluation-indicators": [
    { sheet: "評価指標", rows: [6, 7], columns: { D: { kind: "基準値", year: "cell" }, E: { kind: "最終目標", year: "cell" } } },
    { sheet: "評価指標", rows: [11, 22], columns: { D: { kind: "基準値", year: "cell" }, E: { kind: "最終目標", year: "cell" } } },
  ],
  "programme-targets": [
    {
      sheet: "取組目標",
      rows: [7, 14],
      columns: { F: { kind: "目標値", year: 2024 }, G: { kind: "実績値", year: 2023 }, H: { kind: "実績値", year: 2024 }, I: { kind: "達成率", year: 2024 } },
    },
  ],
  "own-indicators": [
    {
      sheet: "成果指標",
      rows: [5, 11],
      columns: {
        E: { kind: "最終目標", year: 2026 },
        F: { kind: "基準値", year: 2019 },
        G: { kind: "実績値", year: 2023 },
        H: { kind: "実績値", year: 2024 },
        J: { kind: "達成率", year: 2024 },
      },
    },
  ],
};

/** Fixtures of test/layouts/fixtures.ts, by id. */
export const LAYOUT_AREAS: Record<string, Area[]> = {
  "management-programme": [management("マネジメントシート", 8, 10)],
  "management-sentence": [management("マネジメントシート", 8, 10)],
  "management-hyperlinks": [management("マネジメントシート", 7, 9)],
  "unmerged-header": [
    {
      sheet: "評価指標",
      rows: [5, 10],
      columns: {
        C: { kind: "基準値", year: 2021 },
        D: { kind: "実績値", year: 2023 },
        E: { kind: "実績値", year: 2024 },
        F: { kind: "最終目標", year: 2026 },
        H: { kind: "達成率", year: 2024 },
      },
    },
  ],
  "shinko-merged": [shinko(12)],
  "shinko-unmerged": [shinko(12)],
  "shinko-three": [shinko(16)],
  "jimu-jigyo": [jimu("評価シート（相談）", 10, 15), jimu("評価シート（相談）", 19, 24), jimu("評価シート（講座）", 11, 16)],
};

export interface ExpectedDatum {
  sheet: string;
  cell: string;
  kind: Kind;
  year: number | null;
  value: number;
}

/** The year written in a text: 令和3年度 → 2021, 平成30年度 → 2018 (full-width digits too). */
export function yearInText(v: unknown): number | null {
  if (typeof v !== "string") return null;
  const m = /(令和|平成)\s*(\d+|元)\s*年度/.exec(v.normalize("NFKC"));
  if (!m) return null;
  return (m[1] === "令和" ? 2018 : 1988) + (m[2] === "元" ? 1 : Number(m[2]));
}

/**
 * The number a cell shows, read independently of the engine: a number (×100 with a percent
 * format), a formula's cached result, or a text that is one number with a unit and/or a year
 * (`348\n令和3年度`, `１，４４０件`, `86%（令和7年度）`, `年4回（令和11年度）`, `2,820P`). Null otherwise.
 */
export function shownNumber(st: CellState | undefined): number | null {
  if (!st) return null;
  let v = st.value as unknown;
  if (v && typeof v === "object" && "formula" in (v as object)) v = (v as { result: unknown }).result;
  if (typeof v === "number") return st.numFmt && st.numFmt.replace(/"[^"]*"/g, "").includes("%") ? Number((v * 100).toPrecision(12)) : v;
  if (typeof v !== "string") return null;
  const s = v
    .normalize("NFKC")
    .replace(/[(（]?\s*(令和|平成)\s*(\d+|元)\s*年度\s*[)）]?/g, "")
    .replace(/\s+/g, "")
    .replace(/,/g, "");
  const m = /^(年)?(-?\d+(?:\.\d+)?)(件|人|回|箇所|%|P|団体)?$/.exec(s);
  return m ? Number(m[2]) : null;
}

const LABEL: Record<string, Kind> = { 目標値: "目標値", 目標: "目標値", 実績値: "実績値", 実績: "実績値", 達成率: "達成率", 達成度: "達成率" };

function letters(n: number): string {
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Every cell of an area with what it holds: its kind and year, and the number it shows (or null). */
export function areaCells(area: Area, cells: Map<string, CellState>): { cell: string; kind: Kind | null; year: number | null; value: number | null; text: unknown }[] {
  const out: { cell: string; kind: Kind | null; year: number | null; value: number | null; text: unknown }[] = [];
  const all = [...cells.keys()].filter((a) => {
    const p = parseCell(a);
    return p.row >= area.rows[0] && p.row <= area.rows[1];
  });
  // every non-empty cell of the rows, in the area's columns
  for (const addr of all) {
    const { row, col } = parseCell(addr);
    const L = letters(col);
    const st = cells.get(addr)!;
    if ("columns" in area) {
      const c = area.columns[L];
      if (!c) continue;
      out.push({ cell: addr, kind: c.kind, year: c.year === "cell" ? yearInText(st.value) : c.year, value: shownNumber(st), text: st.value });
    } else {
      const label = cells.get(`${area.labelColumn}${row}`)?.value;
      const kindOfRow = typeof label === "string" ? LABEL[label.trim()] ?? null : null;
      let kind: Kind | null = null;
      let year: number | null = null;
      if (area.years[L] !== undefined) {
        kind = kindOfRow;
        year = area.years[L];
      } else if (area.baseline && L === area.baseline.column) {
        kind = kindOfRow === "実績値" ? "基準値" : null;
        year = area.baseline.year;
      } else if (L === area.final.column) {
        kind = kindOfRow === "目標値" ? "最終目標" : null;
        year = area.final.year;
      } else if (area.rate && L === area.rate.column) {
        kind = "達成率";
        year = area.rate.year;
      } else continue;
      out.push({ cell: addr, kind, year, value: shownNumber(st), text: st.value });
    }
  }
  return out;
}

/** Progress tables (進捗状況一覧表), programme tables (基本計画事業) and project lists. */
import { cellText, compactText, normalizeText, parseNumber } from "../cell/read";
import { toA1 } from "../model/grid";
import type { CellValue, SheetSnapshot } from "../model/snapshot";
import type { ProgressItem } from "../api";
import { recordValue, type RecognizedTable, type TableRecord } from "../tables/recognize";

export interface CellRef {
  cell: string;
  value: CellValue;
  text: string;
}

export interface ProgressRow {
  item: ProgressItem;
  table: RecognizedTable;
  record: TableRecord;
  cells: Partial<Record<"policy" | "item" | "plan" | "evaluation" | "description" | "note" | "owner" | "content" | "project", CellRef>>;
}

export interface ProgrammeRow {
  table: RecognizedTable;
  record: TableRecord;
  project: CellRef | null;
  /** The 取組実績 cell when it holds a word. */
  result: CellRef | null;
  /** Tick sub-columns of 取組実績, when the table has them. */
  resultTicks: { word: string; ref: CellRef }[];
  future: CellRef[];
  futureTicks: { word: string; ref: CellRef }[];
}

function ref(sheet: SheetSnapshot, rec: TableRecord, col: number): CellRef {
  const v = recordValue(sheet, rec, col);
  return { cell: toA1(v.row, v.col), value: v.value, text: cellText(v.value).trim() };
}

export const REPOST_MARK = /【\s*再\s*掲\s*】|\[再掲\]|（再掲）|\(再掲\)/g;

/** An item's text without its 【再掲】 marks, numbering and white space, for comparing. */
export function comparableText(text: string): string {
  return compactText(text.replace(REPOST_MARK, ""));
}

/**
 * One figure: `label：value unit（前年度 previous）`. The label is a run of up to 30 characters other
 * than spaces and the separators, so it ends at the colon (with spaces between): parseFigures looks
 * for colons and tries the pattern (sticky) only where a label can start before one — the same
 * matches, in the same order, as scanning the text with the global pattern from every position
 * (the label run of a match is the whole run before the colon, or its last 30 characters).
 */
const FIGURE = /([^\s・：:、。()（）]{1,30})\s*[：:]\s*(\d[\d,]*(?:\.\d+)?)\s*([^\s\d()（）、。:：]{0,8})\s*(?:\(\s*前年度\s*(\d[\d,]*(?:\.\d+)?)\s*[^)]*\))?/y;
const COLON = /[：:]/g;
const SPACE = /\s/;
const LABEL_CHAR = /[^\s・：:、。()（）]/;

/** Figures such as `出席件数：506件（前年度634件）` in a 説明 text. */
export function parseFigures(text: string): ProgressItem["figures"] {
  const s = normalizeText(text);
  const out: ProgressItem["figures"] = [];
  let pos = 0; // where the global scan would go on from
  COLON.lastIndex = 0;
  for (let m = COLON.exec(s); m !== null; m = COLON.exec(s)) {
    const colon = m.index;
    if (colon < pos) continue;
    let labelEnd = colon;
    while (labelEnd > pos && SPACE.test(s[labelEnd - 1])) labelEnd--;
    let start = labelEnd;
    while (start > pos && start > labelEnd - 30 && LABEL_CHAR.test(s[start - 1])) start--;
    if (start === labelEnd) continue;
    FIGURE.lastIndex = start;
    const f = FIGURE.exec(s);
    if (!f) continue;
    pos = FIGURE.lastIndex;
    COLON.lastIndex = pos;
    const value = parseNumber(f[2] + (f[3] ?? ""));
    if (!value) continue;
    out.push({
      label: f[1],
      value: value.value,
      unit: f[3] ?? "",
      previous: f[4] !== undefined ? Number(f[4].replace(/,/g, "")) : null,
    });
  }
  return out;
}

export function extractProgress(sheet: SheetSnapshot, table: RecognizedTable): ProgressRow[] {
  const col = (role: string) => table.columns.find((c) => c.role === role);
  const out: ProgressRow[] = [];
  const itemCol = col("item");
  // 項目 header merged over two columns: number in the first, name in the second
  const itemNameCol = itemCol && table.columns.every((c) => c.col !== itemCol.col + 1) && isMergedHeader(sheet, table, itemCol.col)
    ? itemCol.col + 1
    : null;
  for (const rec of table.records) {
    const cells: ProgressRow["cells"] = {};
    for (const role of ["policy", "item", "plan", "evaluation", "description", "note", "owner", "content", "project"] as const) {
      const c = col(role);
      if (c) cells[role] = ref(sheet, rec, c.col);
    }
    let number: string | null = null;
    let name = cells.item?.text ?? cells.project?.text ?? "";
    if (itemNameCol !== null) {
      number = normalizeText(name) || null;
      const n = ref(sheet, rec, itemNameCol);
      name = n.text;
      cells.item = { ...n };
    }
    const nm = /^\s*[(（]\s*(\d+)\s*[)）]\s*/.exec(normalizeText(name));
    if (nm) {
      number = `(${nm[1]})`;
      name = normalizeText(name).slice(nm[0].length);
    }
    name = normalizeText(name).replace(/\s*\n\s*/g, "");
    const policy = cells.policy?.text ? normalizeText(cells.policy.text).replace(/\s*\n\s*/g, "") : rec.section;
    const description = cells.description?.text ?? "";
    out.push({
      table,
      record: rec,
      cells,
      item: {
        sheet: sheet.name,
        row: rec.row + 1,
        policy: policy ?? null,
        number,
        name,
        evaluation: cells.evaluation?.text || null,
        description,
        figures: parseFigures(description),
        // an item is a 【再掲】 item when its name says so (a 【再掲】 bullet inside a text re-posts only that bullet)
        reposted: /再掲/.test(compactText(name)),
      },
    });
  }
  return out;
}

function isMergedHeader(sheet: SheetSnapshot, table: RecognizedTable, col: number): boolean {
  return sheet.merges.some((m) => m.top >= table.headerTop && m.top <= table.headerBottom && m.left === col && m.right > col);
}

export function extractProgramme(sheet: SheetSnapshot, table: RecognizedTable): ProgrammeRow[] {
  const out: ProgrammeRow[] = [];
  const project = table.columns.find((c) => c.role === "project");
  const resultCols = table.columns.filter((c) => c.role === "result");
  const futureCols = table.columns.filter((c) => c.role === "future");
  for (const rec of table.records) {
    const row: ProgrammeRow = {
      table,
      record: rec,
      project: project ? ref(sheet, rec, project.col) : null,
      result: null,
      resultTicks: [],
      future: [],
      futureTicks: [],
    };
    for (const c of resultCols) {
      if (c.tick) row.resultTicks.push({ word: c.tick, ref: ref(sheet, rec, c.col) });
      else row.result = ref(sheet, rec, c.col);
    }
    for (const c of futureCols) {
      if (c.tick) row.futureTicks.push({ word: c.tick, ref: ref(sheet, rec, c.col) });
      else row.future.push(ref(sheet, rec, c.col));
    }
    if (!row.project?.text && !row.result?.text && row.future.every((f) => !f.text)) continue;
    out.push(row);
  }
  return out;
}

/** A tick mark (✔ ✓ ○ ● レ v …) in a tick column. */
export function isTick(text: string): boolean {
  return /^[✔✓☑✅○〇●◯レ✕×xXvV■]$/.test(text.trim().normalize("NFKC"));
}

/**
 * Running the command line on the layout fixtures and comparing workbooks cell by cell.
 *
 * `runCli` runs `plansheet` end to end through the same `main()` that bin/plansheet.js calls
 * (argument parsing, reading the file, writing OUT), in this process, on the current sources (so the
 * tests never run a stale dist/ build). Set PLANSHEET_LAYOUTS_BIN=1 to run the built
 * `node bin/plansheet.js` instead (after `npm run build:cli`).
 */
import { spawnSync } from "child_process";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

const ROOT = path.join(__dirname, "..", "..");

export async function runCli(...args: string[]): Promise<CliResult> {
  if (process.env.PLANSHEET_LAYOUTS_BIN === "1") {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "plansheet.js"), ...args], { encoding: "utf8", cwd: ROOT });
    return { code: r.status ?? 2, out: r.stdout, err: r.stderr };
  }
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  return { code, out, err };
}

/** A cell as it compares: value and number format; a merged cell's other parts are left out. */
export interface CellState {
  value: unknown;
  numFmt: string | null;
}

/** Plain comparable form of an exceljs cell value. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return { date: v.toISOString() };
  if (typeof v === "object") {
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("hyperlink" in v) return { text: plainValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue), hyperlink: (v as ExcelJS.CellHyperlinkValue).hyperlink };
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue;
      return { formula: f.formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula, result: plainValue(f.result as ExcelJS.CellValue) };
    }
    if ("error" in v) return { error: (v as ExcelJS.CellErrorValue).error };
  }
  return v;
}

/** Every non-empty cell of every sheet: sheet → A1 → state. */
export async function readCells(buffer: Buffer | ArrayBuffer): Promise<Map<string, Map<string, CellState>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  const out = new Map<string, Map<string, CellState>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, CellState>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return; // shows its master's value
        const value = plainValue(cell.value);
        const numFmt = cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : null;
        if (value === null && numFmt === null) return;
        cells.set(cell.address, { value, numFmt });
      });
    });
    out.set(ws.name, cells);
  });
  return out;
}

/** The cells that differ between two workbooks (value or number format), as "sheet!A1" → after. */
export async function diffWorkbooks(before: Buffer, after: Buffer): Promise<Map<string, { before: CellState | null; after: CellState | null }>> {
  const a = await readCells(before);
  const b = await readCells(after);
  const diff = new Map<string, { before: CellState | null; after: CellState | null }>();
  const sheets = new Set([...a.keys(), ...b.keys()]);
  for (const s of sheets) {
    const x = a.get(s) ?? new Map<string, CellState>();
    const y = b.get(s) ?? new Map<string, CellState>();
    for (const addr of new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(addr) ?? null;
      const q = y.get(addr) ?? null;
      if (JSON.stringify(p) !== JSON.stringify(q)) diff.set(`${s}!${addr}`, { before: p, after: q });
    }
  }
  return diff;
}

/** "B12" → { row: 12, col: 2 } (1-based). */
export function parseCell(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Is A1 address `cell` inside A1 range `range`? */
export function inRange(cell: string, range: string): boolean {
  const [s, e = s] = range.split(":");
  const c = parseCell(cell);
  const a = parseCell(s);
  const b = parseCell(e);
  return c.row >= a.row && c.row <= b.row && c.col >= a.col && c.col <= b.col;
}

export function nfkc(s: unknown): string {
  return String(s ?? "").normalize("NFKC").trim();
}

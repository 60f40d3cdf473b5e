/**
 * What a finding is about, in terms that survive moved rows: the indicator's (or item's) name, the
 * part of it the finding's cell is (mark, rate, actual:2024 …) and the values the finding depends on.
 */
import { cellText } from "../cell/read";
import { analyzeSheet } from "../analyze";
import { getCell, parseA1 } from "../model/grid";
import type { EngineSettingsInput } from "../model/indicator";
import type { WorkbookSnapshot } from "../model/snapshot";
import type { IndicatorRow, ReadCell } from "../indicators/extract";
import { extractProgramme } from "../progress/extract";

/** The key fields and values of a finding's acknowledgement. */
export interface AckSubject {
  item: string | null;
  part: string;
  values: Record<string, string>;
}

/** What a finding needs to have to be acknowledged. */
export interface FindingRef {
  rule: string;
  sheet: string;
  cell: string;
}

/** Long texts are kept as a short hash (a 進捗 説明 can be a page long). */
export function valueText(v: string): string {
  const s = v.replace(/\r\n?/g, "\n").trim();
  if (s.length <= 120) return s;
  // cyrb53: a 53-bit string hash, enough to notice a change
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `#${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)}:${s.length}`;
}

function text(c: ReadCell | null | undefined): string {
  return c ? valueText(cellText(c.value)) : "";
}

interface Located {
  item: string;
  /** role → the cell read for it. */
  cells: Map<string, ReadCell>;
  /** The data the indicator's marks and rates are computed from. */
  data: Record<string, string>;
}

function locateIndicator(row: IndicatorRow): Located {
  const cells = new Map<string, ReadCell>();
  const put = (role: string, c: ReadCell | null) => {
    if (c && !cells.has(role)) cells.set(role, c);
  };
  put("name", row.name);
  put("unit", row.unit);
  put("baseline", row.baseline);
  put("target", row.target);
  put("mark", row.trend);
  put("rate", row.rate);
  put("pace", row.pace);
  put("evaluation", row.evaluation);
  put("grade", row.grade);
  put("direction", row.direction);
  for (const p of row.points) {
    put(`target:${p.year}`, p.target);
    put(`actual:${p.year}`, p.actual);
    put(`rate:${p.year}`, p.rate);
    put(`grade:${p.year}`, p.grade);
  }
  row.actuals.forEach((c, i) => {
    if (![...cells.values()].includes(c)) put(`actual#${i}`, c);
  });
  const data: Record<string, string> = {};
  const dataRole = (r: string) => r === "baseline" || r === "target" || r === "direction" || /^(actual|target)[:#]/.test(r);
  for (const [role, c] of cells) if (dataRole(role)) data[role] = text(c);
  return { item: row.indicator.name, cells, data };
}

/**
 * The subject of every finding (same order). Findings on an indicator are keyed by its name and the
 * role of the cell; on a progress or programme item by its name and column; anything else by its cell.
 */
export function findingSubjects(snapshot: WorkbookSnapshot, findings: readonly FindingRef[], settings?: EngineSettingsInput): AckSubject[] {
  const bySheet = new Map<string, Map<string, { item: string; part: string; values: Record<string, string> }>>();
  const wanted = new Set(findings.map((f) => f.sheet));
  for (const whole of snapshot.sheets) {
    if (!wanted.has(whole.name)) continue;
    const at = new Map<string, { item: string; part: string; values: Record<string, string> }>();
    bySheet.set(whole.name, at);
    const d = analyzeSheet(whole, settings);
    for (const row of d.indicatorRows) {
      const loc = locateIndicator(row);
      for (const [role, c] of loc.cells) {
        if (at.has(c.cell)) continue;
        at.set(c.cell, { item: loc.item, part: role, values: { ...loc.data, [role]: text(c) } });
      }
    }
    for (const p of d.progressRows) {
      const values: Record<string, string> = {};
      for (const [k, ref] of Object.entries(p.cells)) if (ref) values[k] = valueText(ref.text);
      for (const [k, ref] of Object.entries(p.cells)) if (ref && !at.has(ref.cell)) at.set(ref.cell, { item: p.item.name, part: k, values });
    }
    for (const x of d.tables.filter((t) => t.kind === "programme")) {
      for (const r of extractProgramme(d.sheet, x)) {
        const name = r.project ? r.project.text : "";
        const refs: [string, { cell: string; text: string }][] = [];
        if (r.project) refs.push(["project", r.project]);
        if (r.result) refs.push(["result", r.result]);
        r.future.forEach((f, i) => refs.push([`future#${i}`, f]));
        r.resultTicks.forEach((f) => refs.push([`result:${f.word}`, f.ref]));
        r.futureTicks.forEach((f) => refs.push([`future:${f.word}`, f.ref]));
        const values: Record<string, string> = {};
        for (const [k, ref] of refs) values[k] = valueText(ref.text);
        for (const [k, ref] of refs) if (!at.has(ref.cell)) at.set(ref.cell, { item: name, part: k, values });
      }
    }
  }
  return findings.map((f) => {
    const hit = bySheet.get(f.sheet)?.get(f.cell);
    if (hit) return { item: hit.item, part: hit.part, values: hit.values };
    // a header, a table or a cell of no item: keyed by the cell and what it holds
    const sheet = snapshot.sheets.find((s) => s.name === f.sheet);
    let v = "";
    try {
      const { row, col } = parseA1(f.cell);
      v = sheet ? cellText(getCell(sheet, row, col)) : "";
    } catch {
      v = "";
    }
    return { item: null, part: `@${f.cell}`, values: { cell: valueText(v) } };
  });
}

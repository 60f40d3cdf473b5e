/** The renderer: anchor offsets, merges, widths, formats, styles; conflicts before writing. */
import fc from "fast-check";
import { parseRange, sheetFromRows, toA1 } from "../../src/engine/model/grid";
import type { WorkbookSnapshot } from "../../src/engine/model/snapshot";
import {
  builtinTemplates,
  defaultParams,
  findConflicts,
  findMergeOverlaps,
  renderTemplate,
  resolveParams,
  TemplateRenderError,
} from "../../src/engine/templates";

const byId = (id: string) => builtinTemplates().find((d) => d.id === id)!;

describe("renderTemplate", () => {
  test("indicator table at C5: cells, formats, styles and the batch's targets", () => {
    const d = byId("indicator-table");
    const r = renderTemplate(d, resolveParams(d, { rows: "2" }).values, { sheet: "施策06", cell: "C5" });
    expect(r.sheet).toBe("施策06");
    expect(r.newSheet).toBe(false);
    expect(r.batch.addSheets).toBeUndefined();
    // heading C5, header C6:K6, rows C7:K8, legend C9
    expect(r.range).toBe("C5:K9");
    const edit = (a1: string) => r.batch.cells.find((c) => c.cell === a1)!;
    expect(edit("C5").value).toBe("２－２　施策全体の考察②（まちづくり指標の推移／考察）");
    expect(edit("C6")).toMatchObject({ value: "まちづくり指標", style: { bold: true, border: true, wrap: true, fill: "D9E1F2" } });
    expect(edit("J6").value).toBe("達成率");
    expect(edit("J7")).toMatchObject({ value: null, numberFormat: "0.0%", style: { border: true } });
    expect(edit("I8")).toMatchObject({ value: null, style: { horizontal: "center" } });
    expect(edit("C9").value).toMatch(/^※　◎：目標達成/);
    // An existing sheet keeps the user's column widths.
    expect(r.batch.columnWidths).toBeUndefined();
    expect(r.batch.validations).toEqual([{ sheet: "施策06", range: "I7:I8", list: ["◎", "○", "▼", "⇒", "－"] }]);
    expect(r.batch.merges).toEqual([]);
    expect(r.targets).toHaveLength(1 + 9 + 18 + 1);
    expect(r.targets[0]).toBe("C5");
    expect(r.batch.label).toBe("まちづくり指標（指標の推移・達成率）");
  });

  test("column widths only for a new sheet, offset by the anchor column", () => {
    const d = byId("indicator-table");
    const values = resolveParams(d, { rows: "2" }).values;
    const existing = renderTemplate(d, values, { sheet: "施策06", cell: "C5" });
    expect(existing.batch.columnWidths).toBeUndefined();
    const fresh = renderTemplate(d, values, { newSheet: "指標", cell: "C5" });
    expect(fresh.batch.addSheets).toEqual(["指標"]);
    expect(fresh.batch.columnWidths![0]).toEqual({ sheet: "指標", column: "C", width: 30 });
    expect(fresh.batch.columnWidths!.map((w) => w.column)).toEqual(["C", "D", "E", "F", "G", "H", "I", "J", "K"]);
    const atA1 = renderTemplate(d, values, { newSheet: "指標" });
    expect(atA1.batch.columnWidths!.map((w) => w.column)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I"]);
    expect(atA1.batch.columnWidths!.map((w) => w.width)).toEqual(fresh.batch.columnWidths!.map((w) => w.width));
  });

  test("merged areas are written in full (borders) and listed as merges", () => {
    const d = byId("progress-list");
    const r = renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A1" });
    expect(r.batch.merges).toEqual(
      expect.arrayContaining([
        { sheet: "S", range: "A1:F1" },
        { sheet: "S", range: "G1:H1" },
        { sheet: "S", range: "A3:A4" },
        { sheet: "S", range: "B3:C4" },
        { sheet: "S", range: "E3:F3" },
      ]),
    );
    const b3 = r.batch.cells.filter((c) => ["B3", "C3", "B4", "C4"].includes(c.cell));
    expect(b3.map((c) => [c.cell, c.value, c.style?.border])).toEqual([
      ["B3", "項目", true],
      ["C3", null, true],
      ["B4", null, true],
      ["C4", null, true],
    ]);
  });

  test("repeat counts drive the rows; 0 items leaves the block out", () => {
    const d = byId("programme-results");
    const r = renderTemplate(d, resolveParams(d, { rows: "4", otherRows: "0" }).values, { sheet: "S", cell: "A1" });
    expect(r.blocks.find((b) => b.id === "rows")).toEqual({ id: "rows", top: 3, bottom: 6, items: 4 });
    expect(r.blocks.find((b) => b.id === "otherRows")!.items).toBe(0);
    expect(r.cells.some((c) => c.value === "①")).toBe(false);
    const r2 = renderTemplate(d, resolveParams(d, { otherRows: "3" }).values, { sheet: "S", cell: "A1" });
    expect(r2.cells.filter((c) => c.block === "otherRows" && c.col === 0).map((c) => c.value)).toEqual(["①", "②", "③"]);
  });

  test("a whole-sheet template on a new sheet", () => {
    const d = byId("management-sheet");
    const r = renderTemplate(d, defaultParams(d), { newSheet: "マネジメントシート令和7" });
    expect(r.batch.addSheets).toEqual(["マネジメントシート令和7"]);
    expect(r.range.startsWith("A1:O")).toBe(true);
    const texts = r.cells.map((c) => c.value).filter((v) => typeof v === "string") as string[];
    for (const s of ["１　施策の基本情報(Plan)", "２－１　施策全体の考察①（施策の目的，方向に対する考察）", "２－２　施策全体の考察②（まちづくり指標の推移／考察）", "３　施策を構成する基本計画事業等の取組実績／今後の方向", "５　後期基本計画期間（令和９年度～令和１２年度）における施策の方向整理に向けた検討"]) {
      expect(texts).toContain(s);
    }
    expect(texts).toContain("４　施策の推進，成果向上の視点（４つの視点）を踏まえた令和6年度の取組実績及び令和7年度以降の具体的な取組");
    expect(texts).toEqual(expect.arrayContaining(["脱炭素社会の実現", "フェーズフリー", "デジタル技術の活用", "共創のまちづくり"]));
  });

  test("refuses an anchor that runs off the sheet or a bad sheet name", () => {
    const d = byId("indicator-table");
    expect(() => renderTemplate(d, defaultParams(d), { sheet: "S", cell: "XFA1" })).toThrow(TemplateRenderError);
    expect(() => renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A1048575" })).toThrow(TemplateRenderError);
    expect(() => renderTemplate(d, defaultParams(d), { newSheet: "a/b" })).toThrow(/badSheetName/);
  });
});

describe("findConflicts", () => {
  const snap: WorkbookSnapshot = {
    sheets: [
      sheetFromRows("S", [
        ["タイトル", null, null],
        [null, "", "  "],
        [null, null, 0],
      ]),
      { ...sheetFromRows("F", [[null, null], [null, null]]), formulas: [[null, null], [null, "=1+1"]] },
    ],
  };

  test("names the non-empty target cells (values, zero, formulas), not empty or blank strings", () => {
    const d = byId("indicator-table");
    const r = renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A1" });
    expect(findConflicts(snap, r.batch)).toEqual(["A1", "C3"]);
    const f = renderTemplate(d, defaultParams(d), { sheet: "F", cell: "A1" });
    expect(findConflicts(snap, f.batch)).toEqual(["B2"]);
    const clear = renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A4" });
    expect(findConflicts(snap, clear.batch)).toEqual([]);
  });

  test("a new sheet has no conflicts", () => {
    const d = byId("indicator-table");
    const r = renderTemplate(d, defaultParams(d), { newSheet: "S2" });
    expect(findConflicts(snap, r.batch)).toEqual([]);
  });

  test("merged areas the insert would cut into", () => {
    const d = byId("indicator-table");
    const s: WorkbookSnapshot = { sheets: [sheetFromRows("S", [[null]], [{ top: 1, left: 3, bottom: 2, right: 5 }])] };
    const r = renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A1" });
    expect(findMergeOverlaps(s, r.batch)).toEqual(["D2:F3"]);
    expect(findMergeOverlaps(s, renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A5" }).batch)).toEqual([]);
  });
});

describe("renderer properties (fast-check)", () => {
  const defs = builtinTemplates();

  test("targets are unique and cover every edit; merges are disjoint and inside the area; one filled target is the one conflict", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: defs.length - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (k, row, col, n, pick) => {
          const d = defs[k];
          const given: Record<string, string> = {};
          for (const p of d.parameters) if (p.type === "integer" && (p.max ?? 99) >= n && (p.min ?? 0) <= n) given[p.key] = String(n);
          const { values, errors } = resolveParams(d, given);
          expect(errors).toEqual([]);
          const r = renderTemplate(d, values, { sheet: "S", cell: toA1(row, col) });
          expect(new Set(r.targets).size).toBe(r.targets.length);
          expect(r.batch.cells.map((c) => c.cell).sort()).toEqual([...r.targets].sort());
          const area = parseRange(r.range);
          expect(area.top).toBe(row);
          expect(area.left).toBe(col);
          const merges = (r.batch.merges ?? []).map((m) => parseRange(m.range));
          for (const m of merges) {
            expect(m.top >= area.top && m.bottom <= area.bottom && m.left >= area.left && m.right <= area.right).toBe(true);
          }
          for (let i = 0; i < merges.length; i++) {
            for (let j = i + 1; j < merges.length; j++) {
              const a = merges[i];
              const b = merges[j];
              expect(a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right).toBe(false);
            }
          }
          const target = r.targets[pick % r.targets.length];
          const { top: tr, left: tc } = parseRange(target);
          const values2: (string | null)[][] = [];
          values2[tr] = [];
          values2[tr][tc] = "既存";
          const snap: WorkbookSnapshot = { sheets: [{ name: "S", values: values2, merges: [], rowCount: tr + 1, colCount: tc + 1 }] };
          expect(findConflicts(snap, r.batch)).toEqual([target]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

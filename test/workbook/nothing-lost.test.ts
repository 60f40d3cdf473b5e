/**
 * "Nothing lost" (issue 6): a batch writes only the cells it names. The workbook has several
 * sheets, styles, merges, formulas (shared ones too), data validations, defined names, conditional
 * formats, a comment, a hidden sheet — and, as .xlsm, a VBA project. After apply + write + re-read,
 * every part not concerned is byte-for-byte the same, every other cell of a changed sheet has the
 * same XML, and exceljs (an independent reader) sees the same values, formulas, styles, merges,
 * validations, defined names and sheets.
 */
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import type { EditBatch } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import "../../src/workbook/xlsx/files";
import { richWorkbook, withMacros, zipEntries } from "./fixtures";

const dec = new TextDecoder();

/** r → XML of every <c> element of a worksheet. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.set(m[1], m[0]);
  return out;
}

/** The children of a styles.xml collection, as XML strings. */
function styleChildren(xml: string, collection: string, child: string): string[] {
  const m = new RegExp(`<${collection}\\b[^>]*>([\\s\\S]*?)</${collection}>`).exec(xml);
  if (!m) return [];
  return m[1].match(new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, "g")) ?? [];
}

const FILL: EditBatch = {
  label: "推移・達成率の記入",
  cells: [
    { sheet: "施策評価", cell: "G4", value: "○" },
    { sheet: "施策評価", cell: "G5", value: "◎" },
    { sheet: "施策評価", cell: "G6", value: "▼" },
    { sheet: "施策評価", cell: "H4", value: 0.944, numberFormat: "0.0%" },
    { sheet: "施策評価", cell: "H5", value: 1.12, numberFormat: "0.0%" },
    { sheet: "施策評価", cell: "H6", value: 0.867, numberFormat: "0.0%" },
    { sheet: "施策評価", cell: "G3", style: { bold: true } },
  ],
};

const TEMPLATE: EditBatch = {
  addSheets: ["評価テンプレート"],
  cells: [
    { sheet: "評価テンプレート", cell: "A1", value: "指標名", style: { bold: true, border: true, fill: "DDEBF7", horizontal: "center" } },
    { sheet: "評価テンプレート", cell: "B1", value: "指標の推移", style: { bold: true, border: true, wrap: true } },
    { sheet: "評価テンプレート", cell: "C1", value: "達成率", style: { border: true } },
    { sheet: "評価テンプレート", cell: "C2", formula: "=IF(B2=\"\",\"\",1)", numberFormat: "0.0%" },
  ],
  merges: [{ sheet: "評価テンプレート", range: "A3:C3" }],
  columnWidths: [{ sheet: "評価テンプレート", column: "A", width: 30 }],
  validations: [{ sheet: "評価テンプレート", range: "B2:B20", list: ["◎", "○", "▼", "⇒", "－"] }],
};

const NAMED = new Set([...FILL.cells, ...TEMPLATE.cells].map((c) => `${c.sheet}!${c.cell}`));

async function exceljsLoad(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function sheetModel(ws: ExcelJS.Worksheet) {
  const m = ws.model as unknown as Record<string, unknown>;
  return {
    state: ws.state,
    merges: [...((m.merges as string[]) ?? [])].sort(),
    dataValidations: (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    conditionalFormattings: (m.conditionalFormattings as unknown) ?? null,
    columns: (ws.columns ?? []).map((c) => ({ width: c.width, hidden: c.hidden })),
    views: ws.views,
  };
}

// Order of the children of <worksheet> (ECMA-376 CT_Worksheet), to check what we wrote.
const WS_ORDER = "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts extLst".split(" ");

/** Parse with a strict, namespace-aware parser; return the local names of the root's children. */
function wellFormed(name: string, xml: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const children: string[] = [];
  let depth = 0;
  parser.on("error", (e) => {
    throw new Error(`${name}: ${e.message}`);
  });
  parser.on("opentag", (t) => {
    if (depth === 1) children.push(t.local);
    if (!t.isSelfClosing) depth++;
  });
  parser.on("closetag", (t) => {
    if (!t.isSelfClosing) depth--;
  });
  parser.write(xml).close();
  return children;
}

async function checkNothingLost(src: Uint8Array, out: Uint8Array) {
  // 1. Parts: everything except the edited sheet, workbook structure (new sheet) and styles
  //    (appended to) is byte-for-byte the same.
  const a = await zipEntries(src);
  const b = await zipEntries(out);
  const mayChange = new Set([
    "xl/worksheets/sheet1.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
  ]);
  for (const [name, bytes] of a) {
    expect(b.has(name)).toBe(true);
    if (!mayChange.has(name)) expect(Buffer.compare(Buffer.from(b.get(name)!), Buffer.from(bytes))).toBe(0);
  }
  const added = [...b.keys()].filter((n) => !a.has(n));
  expect(added).toEqual(["xl/worksheets/sheet4.xml"]);
  // every XML part we wrote is well-formed with its prefixes bound; worksheets in schema order
  for (const [name, bytes] of b) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const children = wellFormed(name, dec.decode(bytes));
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const idx = children.map((c) => WS_ORDER.indexOf(c));
      expect([name, idx.every((x, i) => x >= 0 && (i === 0 || x > idx[i - 1]))]).toEqual([name, true]);
    }
  }

  // 2. The edited sheet: every cell not named has the same XML; all outside sheetData is the same.
  const s1a = dec.decode(a.get("xl/worksheets/sheet1.xml")!);
  const s1b = dec.decode(b.get("xl/worksheets/sheet1.xml")!);
  const ca = cellsOf(s1a);
  const cb = cellsOf(s1b);
  for (const [r, x] of ca) if (!NAMED.has(`施策評価!${r}`)) expect([r, cb.get(r)]).toEqual([r, x]);
  for (const r of cb.keys()) if (!ca.has(r)) expect(NAMED.has(`施策評価!${r}`)).toBe(true);
  const outside = (x: string) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, "");
  expect(outside(s1b)).toBe(outside(s1a));

  // 3. styles.xml: only appended to (every existing font, fill, border, xf, numFmt kept at its index)
  const sa = dec.decode(a.get("xl/styles.xml")!);
  const sb = dec.decode(b.get("xl/styles.xml")!);
  for (const [col, ch] of [["numFmts", "numFmt"], ["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellXfs", "xf"], ["cellStyleXfs", "xf"], ["dxfs", "dxf"]]) {
    const before = styleChildren(sa, col, ch);
    expect(styleChildren(sb, col, ch).slice(0, before.length)).toEqual(before);
  }
  // workbook.xml: only the new <sheet> was added (defined names, views… untouched)
  const wa = dec.decode(a.get("xl/workbook.xml")!);
  const wbx = dec.decode(b.get("xl/workbook.xml")!);
  expect(wbx.replace(/<sheet name="評価テンプレート"[^>]*\/>/, "").replace(/<calcPr[^>]*\/>/, "")).toBe(wa.replace(/<calcPr[^>]*\/>/, ""));

  // 4. An independent reader (exceljs) sees the same workbook except the named cells.
  const ea = await exceljsLoad(src);
  const eb = await exceljsLoad(out);
  expect(eb.worksheets.map((w) => w.name)).toEqual([...ea.worksheets.map((w) => w.name), "評価テンプレート"]);
  expect(eb.definedNames.model).toEqual(ea.definedNames.model);
  expect(ea.definedNames.model.length).toBeGreaterThan(0);
  let compared = 0;
  for (const wsa of ea.worksheets) {
    const wsb = eb.getWorksheet(wsa.name)!;
    expect(sheetModel(wsb)).toEqual(sheetModel(wsa));
    const addrs = new Set<string>();
    for (const ws of [wsa, wsb]) ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => addrs.add(c.address)));
    for (const addr of addrs) {
      if (NAMED.has(`${wsa.name}!${addr}`)) continue;
      const x = wsa.getCell(addr);
      const y = wsb.getCell(addr);
      expect([wsa.name, addr, y.value, y.style, y.note ?? null]).toEqual([wsa.name, addr, x.value, x.style, x.note ?? null]);
      compared++;
    }
    for (let r = 1; r <= wsa.rowCount; r++) expect(wsb.getRow(r).height).toBe(wsa.getRow(r).height);
  }
  expect(compared).toBeGreaterThan(50);
  return { ea, eb };
}

test("a fill + template batch changes only what it names (.xlsx)", async () => {
  const src = await richWorkbook();
  const wb = XlsxWorkbook.fromBuffer(src, "rich.xlsx");
  await wb.applyEdits(FILL);
  await wb.applyEdits(TEMPLATE);
  const out = await wb.toBuffer();
  const { eb } = await checkNothingLost(src, out);

  // the named cells hold what was written, seen by exceljs …
  const ws = eb.getWorksheet("施策評価")!;
  expect(ws.getCell("G4").value).toBe("○");
  expect(ws.getCell("G6").value).toBe("▼");
  expect(ws.getCell("H5").value).toBe(1.12);
  expect(ws.getCell("H5").numFmt).toBe("0.0%");
  expect(ws.getCell("G3").font?.bold).toBe(true);
  expect(ws.getCell("G3").value).toBe("指標の推移"); // style only: value kept
  expect(ws.getCell("G3").fill).toEqual(eb.getWorksheet("施策評価")!.getCell("F3").fill); // rest of the style kept
  const t = eb.getWorksheet("評価テンプレート")!;
  expect(t.getCell("A1").value).toBe("指標名");
  expect(t.getCell("A1").font?.bold).toBe(true);
  expect(t.getCell("A1").alignment?.horizontal).toBe("center");
  expect(t.getCell("A1").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
  expect(t.getCell("C1").border?.top?.style).toBe("thin");
  expect(t.getCell("B1").alignment?.wrapText).toBe(true);
  expect(t.getCell("C2").formula).toBe('IF(B2="","",1)');
  expect(t.getCell("C2").numFmt).toBe("0.0%");
  expect((t.model as unknown as { merges: string[] }).merges).toEqual(["A3:C3"]);
  expect(t.getColumn(1).width).toBe(30);
  const dvm = (t as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  // exceljs expands a validation range into one entry per cell
  expect(Object.keys(dvm).length).toBe(19);
  expect(dvm["B20"]).toMatchObject({
    type: "list",
    formulae: ['"◎,○,▼,⇒,－"'],
  });

  // … and by our own reader after a reload
  const again = await XlsxWorkbook.fromBuffer(out, "out.xlsx").readSnapshot();
  const s = again.sheets.find((x) => x.name === "施策評価")!;
  expect(s.values[3][6]).toBe("○");
  expect(s.values[4][7]).toBe(1.12);
  expect(s.formulas?.[4]?.[7] ?? null).toBeNull();
  expect(s.numberFormats?.[4]?.[7]).toBe("0.0%");
  expect(s.values[7][1]).toEqual({ error: "#DIV/0!" });
  expect(again.sheets.map((x) => x.name)).toEqual(["施策評価", "進捗状況", "隠し", "評価テンプレート"]);
  expect(again.sheets[2].hidden).toBe(true);
  expect(again.sheets[3].merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 2 }]);
});

test(".xlsm: the VBA project and its content type and relationship survive an edit", async () => {
  const vba = new Uint8Array(4096).map((_, i) => (i * 7 + 3) & 0xff);
  const src = await withMacros(await richWorkbook(), vba);
  const wb = XlsxWorkbook.fromBuffer(src, "マクロ.xlsm");
  expect((await wb.readSnapshot()).sheets[0].values[3][0]).toBe("自主防災組織の結成率");
  await wb.applyEdits(FILL);
  await wb.applyEdits(TEMPLATE);
  const out = await wb.toBuffer();
  await checkNothingLost(src, out);
  const b = await zipEntries(out);
  expect(Buffer.compare(Buffer.from(b.get("xl/vbaProject.bin")!), Buffer.from(vba))).toBe(0);
  const ct = dec.decode(b.get("[Content_Types].xml")!);
  expect(ct).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  expect(ct).toContain('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>');
  expect(dec.decode(b.get("xl/_rels/workbook.xml.rels")!)).toContain('Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"');
});

test("why the adapter patches instead of using exceljs to write: an exceljs round trip drops the macros", async () => {
  const vba = new Uint8Array(2048).map((_, i) => i & 0xff);
  const src = await withMacros(await richWorkbook(), vba);
  const e = await exceljsLoad(src);
  const viaExceljs = await zipEntries(new Uint8Array((await e.xlsx.writeBuffer()) as ArrayBuffer));
  const dropped = !viaExceljs.has("xl/vbaProject.bin") || !dec.decode(viaExceljs.get("[Content_Types].xml")!).includes("macroEnabled");
  expect(dropped).toBe(true);
});

/** Reading snapshots from .xlsx files (port: readSnapshot). */
import { getCell, getFormula, getNumberFormat } from "../../src/engine/model/grid";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { slideFormula } from "../../src/workbook/xlsx/sheet";
import { minimalXlsx, sheetXml } from "./craft";
import { richWorkbook } from "./fixtures";

test("a workbook laid out like the seeds: Japanese text, merges, formulas with cached values, errors, dates", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "施策評価.xlsx");
  const snap = await wb.readSnapshot();
  expect(snap.name).toBe("施策評価.xlsx");
  expect(snap.sheets.map((s) => s.name)).toEqual(["施策評価", "進捗状況", "隠し"]);
  const s = snap.sheets[0];
  expect(getCell(s, 0, 0)).toBe("施策の評価シート（令和6年度）");
  expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 7 }]);
  expect(getCell(s, 2, 2)).toBe("基準値\n（令和2年度）"); // line break inside a header cell
  expect(getCell(s, 3, 0)).toBe("自主防災組織の結成率");
  expect(getCell(s, 3, 2)).toBe(80.5);
  expect(getNumberFormat(s, 3, 2)).toBe("#,##0.0");
  // formula with its cached result; shared formulas translated for each cell
  expect(getFormula(s, 3, 7)).toBe("=E4/F4");
  expect(getCell(s, 3, 7)).toBeCloseTo(85 / 90, 12);
  expect(getFormula(s, 4, 7)).toBe("=E5/F5");
  expect(getFormula(s, 5, 7)).toBe("=E6/F6");
  expect(getCell(s, 5, 7)).toBeCloseTo(260000 / 300000, 12);
  expect(getNumberFormat(s, 5, 7)).toBe("0.0%");
  // formula errors are errors, never numbers
  expect(getCell(s, 7, 1)).toEqual({ error: "#DIV/0!" });
  expect(getCell(s, 7, 2)).toEqual({ error: "#N/A" });
  expect(getFormula(s, 7, 1)).toBe("=1/0");
  // dates as Excel serial numbers (2024-04-01 = 45383)
  expect(getCell(s, 8, 1)).toBe(45383);
  expect(getNumberFormat(s, 8, 1)).toBe("yyyy/m/d");
  // rich text joined, booleans
  expect(getCell(s, 9, 0)).toBe("豊かな文字列");
  expect(getCell(s, 10, 0)).toBe(true);
  expect(getCell(s, 6, 0)).toBeNull();
  expect(s.rowCount).toBe(11);
  expect(s.colCount).toBe(8);
  // other sheets: a formula over another sheet, a merge, a hidden sheet
  const p = snap.sheets[1];
  expect(getFormula(p, 4, 4)).toBe("=SUM(施策評価!C4:C6)");
  expect(getCell(p, 4, 4)).toBe(262080.5);
  expect(p.merges).toEqual([{ top: 0, left: 2, bottom: 1, right: 3 }]);
  expect(p.hidden).toBeUndefined();
  expect(snap.sheets[2].hidden).toBe(true);
  // only some sheets
  expect((await wb.readSnapshot({ sheets: ["進捗状況"] })).sheets.map((x) => x.name)).toEqual(["進捗状況"]);
});

test("what other writers produce: prefixed namespace, inline strings, phonetic runs, cells without r, t=d, t=str", async () => {
  const sst =
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    "<si><t>指標名</t></si>" +
    '<si><r><rPr><b/></rPr><t>基準</t></r><r><t xml:space="preserve">値 </t></r></si>' +
    "<si><t>目標値</t><rPh sb=\"0\" eb=\"3\"><t>モクヒョウチ</t></rPh><phoneticPr fontId=\"1\"/></si>" +
    "<si><t>A&amp;B_x000D_</t></si>" +
    "</sst>";
  const body =
    '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c><x:c r="D2" t="s"><x:v>2</x:v></x:c><x:c r="E2" t="s"><x:v>3</x:v></x:c></x:row>' +
    '<x:row r="3"><x:c t="inlineStr"><x:is><x:t>令和６(2024)年度</x:t></x:is></x:c><x:c><x:v>1440</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>' +
    '<x:row><x:c r="A4" t="d"><x:v>2024-04-01T00:00:00</x:v></x:c><x:c r="B4" t="str"><x:f>"△"&amp;"5"</x:f><x:v>△5</x:v></x:c><x:c r="C4" t="e"><x:f>#REF!+1</x:f><x:v>#REF!</x:v></x:c></x:row>' +
    '<x:row r="1048576"><x:c r="XFD1048576"><x:v>-1.5E-3</x:v></x:c></x:row>';
  const bytes = minimalXlsx([{ name: "他社製", xml: sheetXml(body, "x") }], { "xl/sharedStrings.xml": sst });
  const s = (await XlsxWorkbook.fromBuffer(bytes, "他社製.xlsx").readSnapshot()).sheets[0];
  expect(getCell(s, 1, 1)).toBe("指標名");
  expect(getCell(s, 1, 2)).toBe("基準値 ");
  expect(getCell(s, 1, 3)).toBe("目標値"); // furigana not appended
  expect(getCell(s, 1, 4)).toBe("A&B\r");
  expect(getCell(s, 2, 0)).toBe("令和６(2024)年度");
  expect(getCell(s, 2, 1)).toBe(1440);
  expect(getCell(s, 2, 2)).toBe(false);
  expect(getCell(s, 3, 0)).toBe(45383);
  expect(getCell(s, 3, 1)).toBe("△5");
  expect(getFormula(s, 3, 1)).toBe('="△"&"5"');
  expect(getCell(s, 3, 2)).toEqual({ error: "#REF!" });
  expect(getCell(s, 1048575, 16383)).toBe(-0.0015);
  expect(s.rowCount).toBe(1048576);
  expect(s.colCount).toBe(16384);
  expect(s.values.filter(Boolean).length).toBe(4); // sparse: only 4 rows exist
});

test("shared formulas: relative references move, absolute ones and strings do not", () => {
  expect(slideFormula("E4/F4", 3, 7, 5, 7)).toBe("E6/F6");
  expect(slideFormula("$E$4*F4+E$4+$E4", 3, 7, 4, 8)).toBe("$E$4*G5+F$4+$E5");
  expect(slideFormula('IF(A1="B2","B2",SUM(A1:A3))', 0, 0, 1, 1)).toBe('IF(B2="B2","B2",SUM(B2:B4))');
  expect(slideFormula("施策評価!C4+LOG10(C4)", 3, 2, 4, 2)).toBe("施策評価!C5+LOG10(C5)");
});

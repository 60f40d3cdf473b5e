import { FakeExcel, REQUEST_LIMIT_BYTES, countReadSyncs, seedPlanWorkbook, type FakeContext } from "./fakeExcel";
import { OfficeAdapterError } from "../../src/workbook/office/errors";
import { getCell, getFormula, getNumberFormat } from "../../src/engine/model/grid";
import type { EditBatch } from "../../src/engine/model/snapshot";

describe("the fake refuses what Office.js refuses", () => {
  test("reading a property before load and sync throws PropertyNotLoaded", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S", { A1: 5 });
    await excel.run(async (context) => {
      const ctx = context as unknown as FakeContext;
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => r.values).toThrow(/not available/);
      r.load("values");
      expect(() => r.values).toThrow(/not available/); // loaded but not synced yet
      await ctx.sync();
      expect(r.values).toEqual([[5]]);
      expect(() => r.formulas).toThrow(/not available/); // not loaded
    });
    expect(excel.syncCount).toBe(1);
  });

  test("a request over 5 MB fails", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    const big = "あ".repeat(2_000_000); // 6 MB of UTF-8
    await expect(
      excel.run(async (context) => {
        const ctx = context as unknown as FakeContext;
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[big]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });
});

describe("readSnapshot", () => {
  test("the same fixed number of syncs (2) for 1 and 50 sheets", async () => {
    const one = new FakeExcel();
    seedPlanWorkbook(one, 1);
    const fifty = new FakeExcel();
    seedPlanWorkbook(fifty, 50, 200);
    const a = await one.adapter().readSnapshot();
    const b = await fifty.adapter().readSnapshot();
    expect(a.sheets).toHaveLength(1);
    expect(b.sheets).toHaveLength(50);
    expect(one.syncCount).toBe(2);
    expect(fifty.syncCount).toBe(2);
    expect(b.sheets[49].values[202][3]).toBe(110 + 199); // D203 of the last sheet
  });

  test("countReadSyncs is constant for 1, 10 and 100 sheets", async () => {
    const counts = [await countReadSyncs(1), await countReadSyncs(10), await countReadSyncs(100)];
    expect(counts).toEqual([2, 2, 2]);
  });

  test("cells, formulas, number formats and merges at their absolute positions; errors and blanks", async () => {
    const excel = new FakeExcel();
    excel.addSheet(
      "指標",
      {
        C3: "指標名",
        D3: "基準値",
        C4: "転入者数",
        D4: 1200,
        E4: { formula: "=D4/0", value: { error: "#DIV/0!" } },
        F4: { value: 0.873, numberFormat: "0.0%" },
        G4: "",
        D5: "#N/A", // text that looks like an error value is still text
        E5: { error: "#N/A" },
        F5: true,
      },
      ["C2:F2", "H10:I11"],
    );
    excel.addSheet("非表示", { A1: "x" }, [], true);
    excel.addSheet("空");
    const snap = await excel.adapter().readSnapshot();
    const s = snap.sheets[0];
    expect(s.name).toBe("指標");
    expect(getCell(s, 2, 2)).toBe("指標名"); // C3
    expect(getCell(s, 3, 3)).toBe(1200); // D4
    expect(getCell(s, 0, 0)).toBeNull();
    expect(getCell(s, 3, 4)).toEqual({ error: "#DIV/0!" });
    expect(getFormula(s, 3, 4)).toBe("=D4/0");
    expect(getFormula(s, 3, 3)).toBeNull();
    expect(getNumberFormat(s, 3, 5)).toBe("0.0%");
    expect(getNumberFormat(s, 3, 3)).toBeNull(); // General
    expect(getCell(s, 3, 6)).toBeNull(); // "" → null
    expect(getCell(s, 4, 3)).toBe("#N/A");
    expect(getCell(s, 4, 4)).toEqual({ error: "#N/A" });
    expect(getCell(s, 4, 5)).toBe(true);
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 2, bottom: 1, right: 5 },
        { top: 9, left: 7, bottom: 10, right: 8 },
      ]),
    );
    expect(s.rowCount).toBe(11); // merge H10:I11 reaches row 11
    expect(s.colCount).toBe(9);
    expect(s.hidden).toBeUndefined();
    expect(snap.sheets[1].hidden).toBe(true);
    expect(snap.sheets[2]).toMatchObject({ name: "空", values: [], rowCount: 0, colCount: 0 });
    expect(snap.name).toBe("計画.xlsx");
  });

  test("a workbook too big for one 5 MB response is read again in bands, each response under the limit", async () => {
    const excel = new FakeExcel();
    const cells: Record<string, string | number> = {};
    const text = (i: number) => `第${i}行の説明：` + "まちづくりの取組を進めた。".repeat(80);
    for (let i = 1; i <= 3000; i++) {
      cells[`B${i}`] = text(i);
      cells[`C${i}`] = i;
    }
    excel.addSheet("大きい", cells, ["D1:E1", "D2999:E3000"]);
    seedPlanWorkbook(excel, 2);
    const snap = await excel.adapter().readSnapshot();
    expect(excel.syncCount).toBeGreaterThan(4); // 2 of the failed one-go read, then the bands
    const s = snap.sheets[0];
    expect(getCell(s, 0, 1)).toBe(text(1));
    expect(getCell(s, 2999, 1)).toBe(text(3000));
    expect(getCell(s, 1499, 2)).toBe(1500);
    expect(s.rowCount).toBe(3000);
    expect(s.merges).toEqual(expect.arrayContaining([{ top: 0, left: 3, bottom: 0, right: 4 }, { top: 2998, left: 3, bottom: 2999, right: 4 }]));
    expect(s.merges).toHaveLength(2); // a merge across two bands is found once
    expect(getCell(snap.sheets[2], 3, 3)).toBe(110); // D4 of 施策2
  });

  test("a sheet with more than 512 merged areas is read with all of them", async () => {
    const excel = new FakeExcel();
    const cells: Record<string, string> = {};
    const merges: string[] = [];
    for (let i = 1; i <= 700; i++) {
      cells[`A${i}`] = `項目${i}`;
      merges.push(`A${i}:B${i}`);
    }
    excel.addSheet("結合だらけ", cells, merges);
    const snap = await excel.adapter().readSnapshot();
    expect(snap.sheets[0].merges).toHaveLength(700);
    expect(snap.sheets[0].merges).toContainEqual({ top: 699, left: 0, bottom: 699, right: 1 });
    expect(getCell(snap.sheets[0], 699, 0)).toBe("項目700");
  });

  test("a single row too large to read gives a clear error naming sheet and row", async () => {
    const excel = new FakeExcel();
    const wide: Record<string, string> = { A1: "見出し" };
    const letters = (n: number) => (n < 26 ? String.fromCharCode(65 + n) : String.fromCharCode(64 + Math.floor(n / 26)) + String.fromCharCode(65 + (n % 26)));
    for (let c = 0; c < 120; c++) wide[`${letters(c)}2`] = "あ".repeat(20_000);
    excel.addSheet("横長", wide);
    const err = await excel.adapter().readSnapshot().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeAdapterError);
    expect(err).toMatchObject({ messageKey: "office.readTooLarge", params: { sheet: "横長", row: 2 } });
  });

  test("only the sheets asked for", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 3);
    const snap = await excel.adapter().readSnapshot({ sheets: ["施策2"] });
    expect(snap.sheets.map((s) => s.name)).toEqual(["施策2"]);
  });

  test("cell-edit mode: retries with onBusy, then goes through", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 2);
    excel.editModeFailures = 3;
    const busy: boolean[] = [];
    const snap = await excel.adapter({ onBusy: (s) => busy.push(s.busy) }).readSnapshot();
    expect(snap.sheets).toHaveLength(2);
    expect(busy).toEqual([true, true, true, false]);
  });

  test("cell-edit mode that never ends gives a clear error", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 1);
    excel.editModeFailures = 100;
    const err = await excel.adapter({ retry: { attempts: 5 } }).readSnapshot().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeAdapterError);
    expect((err as OfficeAdapterError).messageKey).toBe("office.cellEditTimeout");
    expect(excel.syncCount).toBe(5);
  });
});

/** A fill batch over the seeded plan sheet: marks in F and rates in G of rows 4..23. */
function fillBatch(sheet = "施策1", rows = 20): EditBatch {
  const cells: EditBatch["cells"] = [];
  for (let i = 0; i < rows; i++) {
    const row = 4 + i;
    cells.push({ sheet, cell: `F${row}`, value: i % 2 ? "○" : "◎" });
    cells.push({ sheet, cell: `G${row}`, value: (10 + i) / (30 + i), numberFormat: "0.0%" });
  }
  return { cells, label: "推移・達成率の記入" };
}

describe("applyEdits", () => {
  test("writes the named cells only, records what they held, one undo step where supported", async () => {
    const excel = new FakeExcel({ apiVersion: "1.20" });
    seedPlanWorkbook(excel, 2);
    const before = excel.dump();
    const undo = await excel.adapter().applyEdits(fillBatch());
    expect(excel.getCell("施策1", "F4").value).toBe("◎");
    expect(excel.getCell("施策1", "F5").value).toBe("○");
    expect(excel.getCell("施策1", "G4")).toMatchObject({ value: 10 / 30, numberFormat: "0.0%", formula: null });
    // G7 held a formula giving #DIV/0!: the record keeps it
    expect(undo.cells.find((c) => c.cell === "G7")).toEqual({ sheet: "施策1", cell: "G7", value: { error: "#DIV/0!" }, formula: "=(D7-C7)/0", numberFormat: "0.0%" });
    expect(undo.cells.find((c) => c.cell === "F4")).toEqual({ sheet: "施策1", cell: "F4", value: null, formula: null, numberFormat: null });
    expect(undo.label).toBe("推移・達成率の記入");
    // nothing else changed
    const after = excel.dump();
    for (const sheet of Object.keys(before)) {
      for (const [a1, c] of Object.entries(before[sheet])) {
        if (sheet === "施策1" && /^[FG]([4-9]|1\d|2[0-3])$/.test(a1)) continue;
        expect(after[sheet][a1]).toEqual(c);
      }
    }
    // one undo group, the write run asked for it
    expect(excel.undoSteps).toBe(1);
    expect(excel.runs.some((r) => r.options?.mergeUndoGroup === true)).toBe(true);
  });

  test("mergeUndoGroup only where ExcelApi 1.20 is supported", async () => {
    const excel = new FakeExcel({ apiVersion: "1.19" }); // the fake throws ApiNotFound if it is passed
    seedPlanWorkbook(excel, 1);
    await excel.adapter().applyEdits(fillBatch());
    expect(excel.runs.every((r) => !r.options?.mergeUndoGroup)).toBe(true);
    expect(excel.runs.some((r) => r.options?.delayForCellEdit === true)).toBe(true);
    expect(excel.getCell("施策1", "F4").value).toBe("◎");

    const old = new FakeExcel({ apiVersion: "1.9" });
    seedPlanWorkbook(old, 1);
    await old.adapter().applyEdits(fillBatch());
    expect(old.runs.every((r) => r.options === undefined)).toBe(true);
    expect(old.getCell("施策1", "G5").value).toBeCloseTo(11 / 31);
  });

  test("10,000 cells: several requests, each under 5 MB, one sync per chunk", async () => {
    const excel = new FakeExcel();
    excel.addSheet("説明");
    const text = (i: number) => `令和6年度の取組実績（${i}）：` + "地域の担い手育成と移住定住の促進に取り組んだ。".repeat(40);
    const cells: EditBatch["cells"] = [];
    for (let i = 0; i < 5000; i++) {
      cells.push({ sheet: "説明", cell: `C${i + 1}`, value: text(i) });
      cells.push({ sheet: "説明", cell: `D${i + 1}`, value: i });
    }
    const totalText = cells.reduce((n, c) => n + Buffer.byteLength(String(c.value)), 0);
    expect(totalText).toBeGreaterThan(2.5 * REQUEST_LIMIT_BYTES);

    const undo = await excel.adapter().applyEdits({ cells });
    const writeSyncs = excel.requestBytes.slice(2); // after the 2 reads of the undo record
    expect(writeSyncs.length).toBeGreaterThanOrEqual(4);
    expect(writeSyncs.length).toBeLessThan(20);
    for (const b of excel.requestBytes) expect(b).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(excel.syncCount).toBe(2 + writeSyncs.length);
    expect(excel.getCell("説明", "C1").value).toBe(text(0));
    expect(excel.getCell("説明", "C5000").value).toBe(text(4999));
    expect(excel.getCell("説明", "D5000").value).toBe(4999);
    expect(undo.cells).toHaveLength(10_000);
    expect(excel.undoSteps).toBe(1);
  });

  test("text that Excel would turn into a number or formula stays text", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    await excel.adapter().applyEdits({
      cells: [
        { sheet: "S", cell: "A1", value: "12" },
        { sheet: "S", cell: "A2", value: "=1+1" },
        { sheet: "S", cell: "A3", value: "－" },
        { sheet: "S", cell: "A4", value: 12 },
        { sheet: "S", cell: "A5", formula: "=A4*2" },
      ],
    });
    expect(excel.getCell("S", "A1")).toMatchObject({ value: "12", formula: null });
    expect(excel.getCell("S", "A2")).toMatchObject({ value: "=1+1", formula: null });
    expect(excel.getCell("S", "A3").value).toBe("－");
    expect(excel.getCell("S", "A4").value).toBe(12);
    expect(excel.getCell("S", "A5").formula).toBe("=A4*2");
  });

  test("new sheet, merges, column widths, list validation, styles", async () => {
    const excel = new FakeExcel();
    excel.addSheet("既存", { A1: "x" });
    const undo = await excel.adapter().applyEdits({
      addSheets: ["チェック結果"],
      cells: [
        { sheet: "チェック結果", cell: "A1", value: "チェック結果", style: { bold: true, fill: "DDEBF7", border: true } },
        { sheet: "既存", cell: "B3", value: "見出し", style: { horizontal: "center" } },
      ],
      merges: [{ sheet: "既存", range: "B3:D3" }],
      columnWidths: [{ sheet: "既存", column: "B", width: 20 }],
      validations: [{ sheet: "既存", range: "F5:F20", list: ["◎", "○", "▼", "⇒", "－"] }],
    });
    expect(excel.sheets.map((s) => s.name)).toEqual(["既存", "チェック結果"]);
    expect(excel.getCell("チェック結果", "A1")).toMatchObject({
      value: "チェック結果",
      props: { format: { font: { bold: true }, fill: { color: "#DDEBF7" } } },
    });
    expect(excel.sheet("既存").merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 3 }]);
    expect(excel.sheet("既存").columnWidths.get(1)).toBeCloseTo((20 * 7 + 5) * 0.75);
    expect(excel.sheet("既存").validations).toEqual([{ range: "F5:F20", rule: { list: { inCellDropDown: true, source: "◎,○,▼,⇒,－" } } }]);
    expect(undo.addedSheets).toEqual(["チェック結果"]);
    expect(undo.addedMerges).toEqual([{ sheet: "既存", range: "B3:D3" }]);

    const report = await excel.adapter().revertWithReport(undo);
    expect(report.removedSheets).toEqual(["チェック結果"]);
    expect(excel.sheets.map((s) => s.name)).toEqual(["既存"]);
    expect(excel.sheet("既存").merges).toEqual([]);
    expect(excel.getCell("既存", "B3").value).toBeNull();
    expect(excel.getCell("既存", "A1").value).toBe("x");
  });

  test("refuses, writing nothing: existing sheet name, missing sheet, merge over content, comma in a choice", async () => {
    const excel = new FakeExcel();
    excel.addSheet("既存", { C3: "消えては困る" });
    const before = excel.dump();
    const wb = excel.adapter();
    const key = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e as OfficeAdapterError).messageKey);
    expect(await key(wb.applyEdits({ addSheets: ["既存"], cells: [{ sheet: "既存", cell: "A1", value: 1 }] }))).toBe("office.sheetExists");
    expect(await key(wb.applyEdits({ cells: [{ sheet: "ない", cell: "A1", value: 1 }] }))).toBe("office.sheetMissing");
    expect(
      await key(wb.applyEdits({ cells: [{ sheet: "既存", cell: "B3", value: "見出し" }], merges: [{ sheet: "既存", range: "B3:D3" }] })),
    ).toBe("office.mergeWouldLoseData");
    expect(await key(wb.applyEdits({ cells: [], validations: [{ sheet: "既存", range: "A1:A3", list: ["a,b", "c"] }] }))).toBe("office.listItemComma");
    expect(await key(wb.applyEdits({ addSheets: ["a/b"], cells: [] }))).toBe("office.invalidSheetName");
    expect(await key(wb.applyEdits({ cells: [{ sheet: "既存", cell: "12A", value: 1 }] }))).toBe("office.badAddress");
    expect(await key(wb.applyEdits({ cells: [], merges: [{ sheet: "既存", range: "B3:?" }] }))).toBe("office.badAddress");
    expect(excel.dump()).toEqual(before);
    expect(excel.undoSteps).toBe(0);
  });

  test("a merge already there is left alone (and a revert keeps it); an overlapping one is refused", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S", { B3: "見出し" }, ["B3:D3", "F1:G2"]);
    const wb = excel.adapter();
    const undo = await wb.applyEdits({ cells: [{ sheet: "S", cell: "B3", value: "新しい見出し" }], merges: [{ sheet: "S", range: "B3:D3" }] });
    expect(undo.addedMerges).toEqual([]);
    await wb.revert(undo);
    expect(excel.sheet("S").merges).toHaveLength(2);
    expect(excel.getCell("S", "B3").value).toBe("見出し");
    const err = await wb.applyEdits({ cells: [], merges: [{ sheet: "S", range: "E2:F2" }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ messageKey: "office.mergeConflict", params: { sheet: "S", range: "E2:F2", merged: "F1:G2" } });
    expect(excel.sheet("S").merges).toHaveLength(2);
  });

  test("an API Excel cannot group for undo: the apply goes on without the group", async () => {
    const excel = new FakeExcel();
    excel.validationUndoUnsupported = true;
    excel.addSheet("S");
    await excel.adapter().applyEdits({
      cells: [{ sheet: "S", cell: "F5", value: "◎" }],
      validations: [{ sheet: "S", range: "F5:F9", list: ["◎", "○", "▼", "⇒", "－"] }],
    });
    expect(excel.getCell("S", "F5").value).toBe("◎");
    expect(excel.sheet("S").validations).toHaveLength(1);
    expect(excel.runs.map((r) => r.options?.mergeUndoGroup)).toEqual([undefined, true, false]);
  });

  test("list validation needs ExcelApi 1.8: a clear error before anything is written", async () => {
    const excel = new FakeExcel({ apiVersion: "1.7" });
    excel.addSheet("S");
    const err = await excel
      .adapter()
      .applyEdits({ cells: [{ sheet: "S", cell: "A1", value: 1 }], validations: [{ sheet: "S", range: "A1:A3", list: ["a", "b"] }] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ messageKey: "office.apiMissing" });
    expect(excel.getCell("S", "A1").value).toBeNull();
    expect(excel.syncCount).toBe(0);
  });

  test("a failure in the middle of the writes puts back what went through", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 1, 400);
    const before = excel.dump();
    const cells: EditBatch["cells"] = [];
    for (let i = 0; i < 400; i++) cells.push({ sheet: "施策1", cell: `H${4 + i}`, value: "説明".repeat(2000) });
    // reads are syncs 1-2, first write chunk sync 3, the second chunk (sync 4) fails half-way
    excel.failAtSync = { n: 4, code: "GeneralException" };
    const err = await excel.adapter({ maxRequestBytes: 1_000_000 }).applyEdits({ cells }).catch((e: unknown) => e);
    expect((err as OfficeAdapterError).messageKey).toBe("office.writeFailed");
    expect((err as OfficeAdapterError).params.reason).toBe("GeneralException");
    expect(excel.dump()).toEqual(before);
  });

  test("edit mode during the writes: the writes resume, nothing is written twice or lost", async () => {
    const excel = new FakeExcel({ apiVersion: "1.10" }); // no delayForCellEdit
    excel.addSheet("S");
    const cells: EditBatch["cells"] = [];
    for (let i = 0; i < 300; i++) cells.push({ sheet: "S", cell: `A${i + 1}`, value: "あ".repeat(3000) });
    // the user starts editing a cell right after the first write chunk (sync 3) went through
    excel.afterSync = (n) => {
      if (n === 3) excel.editModeFailures = 2;
    };
    const busy: boolean[] = [];
    const undo = await excel.adapter({ maxRequestBytes: 1_000_000, onBusy: (s) => busy.push(s.busy) }).applyEdits({ cells });
    expect(busy).toEqual([true, true, false]);
    for (let i = 0; i < 300; i++) expect(excel.getCell("S", `A${i + 1}`).value).toBe("あ".repeat(3000));
    expect(undo.cells.every((c) => c.value === null)).toBe(true);
  });
});

describe("revert", () => {
  test("puts back exactly what apply replaced and leaves what the user changed since", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 2);
    excel.setCell("施策1", "F6", "▼"); // a mark that was there before
    const original = excel.dump();
    const wb = excel.adapter();
    const undo = await wb.applyEdits(fillBatch());
    expect(excel.getCell("施策1", "G7").formula).toBeNull();

    // the user edits one cell the apply wrote, and one it did not
    excel.setCell("施策1", "F8", "⇒");
    excel.setCell("施策2", "B30", "メモ");

    const report = await wb.revertWithReport(undo);
    expect(report.changedSinceApply).toEqual([{ sheet: "施策1", cell: "F8" }]);
    expect(report.restored).toBe(39);
    expect(excel.getCell("施策1", "F8").value).toBe("⇒");
    expect(excel.getCell("施策2", "B30").value).toBe("メモ");
    expect(excel.getCell("施策1", "F6").value).toBe("▼");
    expect(excel.getCell("施策1", "G7")).toEqual({ value: 0, formula: "=(D7-C7)/0", numberFormat: "0.0%" }); // formula back (the fake does not calculate)
    expect(excel.getCell("施策1", "G4")).toEqual({ value: null, formula: null, numberFormat: null });

    const now = excel.dump();
    for (const sheet of Object.keys(original)) {
      for (const [a1, c] of Object.entries(original[sheet])) {
        if (sheet === "施策1" && a1 === "F8") continue;
        // formula cells: the formula and format are back (the fake does not calculate values)
        const got = c.f ? { f: now[sheet][a1]?.f, nf: now[sheet][a1]?.nf } : now[sheet][a1];
        const want = c.f ? { f: c.f, nf: c.nf } : c;
        expect([sheet, a1, got]).toEqual([sheet, a1, want]);
      }
    }
    expect(Object.keys(now["施策1"]).sort()).toEqual([...Object.keys(original["施策1"]), "F8"].filter((v, i, a) => a.indexOf(v) === i).sort());
  });

  test("restores text that looks like a number as text, and error constants as errors", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S", { A1: "0012", A2: { error: "#N/A" }, A3: "#N/A" });
    const wb = excel.adapter();
    const undo = await wb.applyEdits({ cells: ["A1", "A2", "A3"].map((cell) => ({ sheet: "S", cell, value: 1 })) });
    await wb.revert(undo);
    expect(excel.getCell("S", "A1").value).toBe("0012");
    expect(excel.getCell("S", "A2").value).toEqual({ error: "#N/A" });
    expect(excel.getCell("S", "A3").value).toBe("#N/A");
  });

  test("an added sheet the user has written in is kept", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    const wb = excel.adapter();
    const undo = await wb.applyEdits({ addSheets: ["チェック結果"], cells: [{ sheet: "チェック結果", cell: "A1", value: "結果" }] });
    excel.setCell("チェック結果", "B5", "自分のメモ");
    const report = await wb.revertWithReport(undo);
    expect(report.keptSheets).toEqual(["チェック結果"]);
    expect(excel.getCell("チェック結果", "B5").value).toBe("自分のメモ");
  });
});

describe("settings and selection", () => {
  test("settings are saved in the document", async () => {
    const excel = new FakeExcel();
    const wb = excel.adapter();
    expect(await wb.getSetting("plansheet.settings")).toBeUndefined();
    await wb.setSetting("plansheet.settings", '{"rateMethod":"ratio"}');
    expect(excel.settings.saved.get("plansheet.settings")).toBe('{"rateMethod":"ratio"}');
    expect(await wb.getSetting("plansheet.settings")).toBe('{"rateMethod":"ratio"}');
    excel.settings.failSave = true;
    await expect(wb.setSetting("k", "v")).rejects.toMatchObject({ messageKey: "office.settingsSaveFailed" });
  });

  test("selectCell activates the sheet and selects; getSelection reads it back", async () => {
    const excel = new FakeExcel();
    seedPlanWorkbook(excel, 3);
    const wb = excel.adapter();
    await wb.selectCell("施策3", "F12");
    expect(excel.activeSheet).toBe("施策3");
    expect(await wb.getSelection()).toEqual({ sheet: "施策3", address: "F12" });
    excel.addSheet("R6 'main' 指標");
    await wb.selectCell("R6 'main' 指標", "B2:C4");
    expect(await wb.getSelection()).toEqual({ sheet: "R6 'main' 指標", address: "B2:C4" });
    await expect(wb.selectCell("ない", "A1")).rejects.toMatchObject({ messageKey: "office.sheetMissing" });
  });
});

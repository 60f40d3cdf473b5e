/**
 * The round trip of every template: insert it into a workbook that already holds content (through
 * the xlsx adapter), type values like the seeds', read the workbook back, and check that the engine
 * recognises the table with the right kind, reads the indicators with the right values, and that
 * planFill writes the right trend mark and rate into the template's own cells.
 */
import { analyzeWorkbook, planFill } from "../../src/engine";
import type { WorkbookAnalysis } from "../../src/engine/api";
import type { WorkbookSnapshot } from "../../src/engine/model/snapshot";
import { getCell, parseA1 } from "../../src/engine/model/grid";
import {
  builtinTemplates,
  findConflicts,
  renderTemplate,
  resolveParams,
  type RenderedTemplate,
  type TemplateDefinition,
} from "../../src/engine/templates";
import type { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { at, existingWorkbook, itemRows, typeRow } from "./helpers";

function def(id: string): TemplateDefinition {
  const d = builtinTemplates().find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
}

async function insert(
  id: string,
  params: Record<string, string>,
  anchor: { sheet: string; cell: string } | { newSheet: string },
): Promise<{ wb: XlsxWorkbook; r: RenderedTemplate }> {
  const wb = await existingWorkbook();
  const d = def(id);
  const { values, errors } = resolveParams(d, params);
  expect(errors).toEqual([]);
  const r = renderTemplate(d, values, anchor);
  const before = await wb.readSnapshot();
  expect(findConflicts(before, r.batch)).toEqual([]);
  await wb.applyEdits(r.batch);
  return { wb, r };
}

function cellOf(snap: WorkbookSnapshot, sheet: string, a1: string) {
  const s = snap.sheets.find((x) => x.name === sheet)!;
  const { row, col } = parseA1(a1);
  return { value: getCell(s, row, col), format: s.numberFormats?.[row]?.[col] ?? null };
}

/** The existing content is still there. */
function expectOriginalKept(snap: WorkbookSnapshot) {
  expect(cellOf(snap, "施策06", "A1").value).toBe("施策・事務事業マネジメントシート【令和７年度】");
  expect(cellOf(snap, "施策06", "B3").value).toBe("福祉太郎");
  expect(cellOf(snap, "施策06", "D2").value).toBe("内部資料（取扱注意）");
  expect(cellOf(snap, "施策06", "A4").value).toBe(12345);
  expect(cellOf(snap, "メモ", "A2").value).toBe("指標の定義を確認すること");
}

/** The tables of a sheet: where they are (kind, sheet, range). */
function tablesOf(a: WorkbookAnalysis, sheet: string) {
  return a.sheets.find((s) => s.name === sheet)!.tables.map((t) => ({ kind: t.kind, sheet: t.sheet, range: t.range }));
}

/** Apply planFill, read back, and return the snapshot after. */
async function fill(wb: XlsxWorkbook) {
  const snap = await wb.readSnapshot();
  const plan = planFill(snap);
  await wb.applyEdits(plan.batch);
  return { plan, after: await wb.readSnapshot() };
}

describe("round trip: insert, type, check, fill", () => {
  test("indicator-table (まちづくり指標) below existing content", async () => {
    const { wb, r } = await insert("indicator-table", { year: "令和7", rows: "3" }, { sheet: "施策06", cell: "A7" });
    const [r1, r2, r3] = itemRows(r, "rows");
    await wb.applyEdits({
      cells: [
        ...typeRow(r, r1, { 0: "地域福祉コーディネーターの新規相談件数（地域支援）", 1: "件", 2: "348\n令和3年度", 3: 356, 4: 404, 5: "450\n令和8年度" }),
        ...typeRow(r, r2, { 0: "地域福祉コーディネーターの新規相談件数（個別支援）", 1: "件", 2: "429\n令和3年度", 3: 431, 4: 421, 5: "470\n令和8年度" }),
        ...typeRow(r, r3, { 0: "地域活動への参加者数", 1: "人", 2: "1,200（令和3年度）", 3: 1500, 4: 1650, 5: "1,600（令和8年度）" }),
      ],
    });
    const snap = await wb.readSnapshot();
    expectOriginalKept(snap);
    const a = analyzeWorkbook(snap);
    const header = itemRows(r, "header")[0];
    expect(tablesOf(a, "施策06")).toContainEqual({ kind: "indicators", sheet: "施策06", range: `${at(r, header, 0)}:${at(r, r3, 8)}` });
    const inds = a.indicators.filter((i) => i.sheet === "施策06");
    expect(inds.map((i) => i.name)).toEqual([
      "地域福祉コーディネーターの新規相談件数（地域支援）",
      "地域福祉コーディネーターの新規相談件数（個別支援）",
      "地域活動への参加者数",
    ]);
    expect(inds[0]).toMatchObject({
      unit: "件",
      baseline: { value: 348, year: 2021 },
      previous: { value: 356, year: 2023 },
      current: { value: 404, year: 2024 },
      target: { value: 450, year: 2026 },
      trendMark: "○",
      achievementRate: 0.898,
      markCell: at(r, r1, 6),
      rateCell: at(r, r1, 7),
    });
    expect(inds[1]).toMatchObject({ trendMark: "▼", achievementRate: 0.896, markCell: at(r, r2, 6), rateCell: at(r, r2, 7) });
    expect(inds[2]).toMatchObject({ baseline: { value: 1200 }, target: { value: 1600 }, trendMark: "◎", achievementRate: 1.031 });

    const { plan, after } = await fill(wb);
    expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([
      [at(r, r1, 6), "○"],
      [at(r, r1, 7), 0.898],
      [at(r, r2, 6), "▼"],
      [at(r, r2, 7), 0.896],
      [at(r, r3, 6), "◎"],
      [at(r, r3, 7), 1.031],
    ]);
    expect(cellOf(after, "施策06", at(r, r1, 6)).value).toBe("○");
    expect(cellOf(after, "施策06", at(r, r1, 7))).toEqual({ value: 0.898, format: "0.0%" });
    expect(cellOf(after, "施策06", at(r, r3, 7))).toEqual({ value: 1.031, format: "0.0%" });
    // after fill the sheet checks clean: no trend or rate findings on the template's rows
    const again = analyzeWorkbook(after);
    expect(again.issues.filter((f) => f.sheet === "施策06" && /trend|rate/.test(f.rule))).toEqual([]);
    expectOriginalKept(after);
  });

  test("programme-results (基本計画事業 取組実績／今後の方向)", async () => {
    const { wb, r } = await insert("programme-results", { year: "令和7", rows: "2", otherRows: "2" }, { sheet: "施策06", cell: "A7" });
    const [p1, p2] = itemRows(r, "rows");
    // columns: 0 No | 1 名 | 2 取組実績 | 3 Do | 4–8 ✔ 現状継続 有効性改善 効率性改善 財政面改善 参加と協働改善 | 9 Action
    await wb.applyEdits({
      cells: [
        ...typeRow(r, p1, { 0: 28, 1: "福祉人材育成事業の推進", 2: "計画どおり", 3: "・当事者講師養成研修を本格実施し，７人が修了した。", 4: "✔", 9: "・サービスの質の向上へ向けた専門研修の内容充実" }),
        ...typeRow(r, p2, { 1: "【重点③】地域福祉コーディネーターを中心とする包括的な支援体制の構築", 2: "計画遅延", 3: "・重層的支援体制整備事業を推進した。", 5: "✔", 8: "済", 9: "・多機関協働による相談支援の充実" }),
        ...typeRow(r, itemRows(r, "otherRows")[0], { 1: "成年後見制度利用促進基本計画に基づく権利擁護支援", 5: "地域連携ネットワークの充実" }),
      ],
    });
    const snap = await wb.readSnapshot();
    expectOriginalKept(snap);
    const a = analyzeWorkbook(snap);
    const header = itemRows(r, "header")[0];
    const programme = tablesOf(a, "施策06").filter((t) => t.kind === "programme");
    expect(programme).toHaveLength(1);
    expect(programme[0].range).toBe(`${at(r, header, 0)}:${at(r, p2, 9)}`);
    // the closed vocabularies are read from the template's cells: the wrong words are found where typed
    const vocab = a.issues.filter((f) => f.rule === "vocabulary" && f.sheet === "施策06");
    expect(vocab.map((f) => [f.cell, f.actual])).toEqual([
      [at(r, p2, 2), "計画遅延"],
      [at(r, p2, 8), "済"],
    ]);
    expect(a.issues.filter((f) => f.rule === "required-empty" && f.sheet === "施策06")).toEqual([]);
    // no indicators here: fill changes nothing
    const { plan } = await fill(wb);
    expect(plan.changes).toEqual([]);
  });

  test("progress-list (進捗状況一覧表)", async () => {
    const { wb, r } = await insert("progress-list", { year: "令和7", rows: "3" }, { sheet: "施策06", cell: "A7" });
    const [i1, i2, i3] = itemRows(r, "rows");
    await wb.applyEdits({
      cells: [
        ...typeRow(r, i1, {
          0: "1 市民の主体的な地域福祉活動の促進",
          1: "(1)",
          2: "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実",
          3: "・市民社協の地域担当職員を通じた、地域社協（福祉の会）活動支援のほか、地域福祉活動の立ち上げや運営相談等に対応していきます。",
          4: "○",
          5: "・市民社協では、地域社協（福祉の会）役員会、運営委員会等出席し、運営の支援を行った。\n・出席件数：506件（前年度634件）\n・相談件数：364件（前年度519件）",
          7: "市民社協",
        }),
        ...typeRow(r, i2, {
          0: "1 市民の主体的な地域福祉活動の促進",
          1: "(3)",
          2: "シニア支え合いポイント制度の推進",
          3: "・毎年度シニア支え合いポイント制度推進協議会を開催し、制度の効果的な推進を目指します。",
          4: "☆",
          5: "・シニア支え合いポイント実績\n新規登録者数：68人（前年度73人）\n交換ポイント数：4,850P（前年度2,820P）",
          7: "地域支援課\n高齢者支援課",
        }),
        ...typeRow(r, i3, {
          0: "1 市民の主体的な地域福祉活動の促進",
          1: "(5)",
          2: "地域担当職員(市民社協)の機能の拡充",
          3: "・地域で活動する団体や個人からの相談への対応を強化します。",
          4: "済",
          5: "・地域担当職員を東部、中央、西部に２人ずつ配置した。",
          7: "地域支援課",
        }),
      ],
    });
    const snap = await wb.readSnapshot();
    expectOriginalKept(snap);
    const a = analyzeWorkbook(snap);
    const header = itemRows(r, "header")[0];
    const progress = tablesOf(a, "施策06").filter((t) => t.kind === "progress");
    expect(progress).toEqual([{ kind: "progress", sheet: "施策06", range: `${at(r, header, 0)}:${at(r, i3, 7)}` }]);
    const items = a.progressItems.filter((p) => p.sheet === "施策06");
    expect(items.map((p) => [p.row, p.evaluation])).toEqual([
      [i1 + 1, "○"],
      [i2 + 1, "☆"],
      [i3 + 1, "済"],
    ]);
    expect(items[0].figures).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: "出席件数", value: 506, unit: "件", previous: 634 })]),
    );
    expect(items[1].figures).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: "交換ポイント数", value: 4850, previous: 2820 })]),
    );
    // 済 is not a mark of the legend the template printed
    const notInLegend = a.issues.filter((f) => f.rule === "mark-not-in-legend" && f.sheet === "施策06");
    expect(notInLegend.map((f) => f.cell)).toEqual([at(r, i3, 4)]);
    const { plan } = await fill(wb);
    expect(plan.changes).toEqual([]);
  });

  test("evaluation-indicators (評価指標)", async () => {
    const { wb, r } = await insert("evaluation-indicators", { year: "令和9", rows: "3" }, { sheet: "施策06", cell: "B8" });
    const [e1, e2, e3] = itemRows(r, "rows");
    await wb.applyEdits({
      cells: [
        ...typeRow(r, e1, {
          0: "アウトカム指標",
          1: "課題が混在する複雑な事例のうち、最初に受け付けた機関のみで対応すべき関係機関の整理を完了した割合",
          2: "86%（令和7年度）",
          3: "90%（令和11年度）",
          4: "88%",
        }),
        ...typeRow(r, e2, { 0: "アウトプット指標", 1: "重層的支援会議または支援会議の開催回数", 2: "2回（令和7年度）", 3: "4回（令和11年度）", 4: "3回" }),
        ...typeRow(r, e3, { 0: "参考指標", 1: "地域福祉コーディネーターによる困りごと相談会での相談件数", 2: "577件（令和元年度）", 3: "1,120件（令和11年度）", 4: "1,008件" }),
      ],
    });
    const snap = await wb.readSnapshot();
    const a = analyzeWorkbook(snap);
    const header = itemRows(r, "header")[0];
    expect(tablesOf(a, "施策06")).toContainEqual({ kind: "indicators", sheet: "施策06", range: `${at(r, header, 0)}:${at(r, e3, 5)}` });
    const inds = a.indicators.filter((i) => i.sheet === "施策06");
    expect(inds).toHaveLength(3);
    expect(inds[0]).toMatchObject({
      baseline: { value: 86, year: 2025 },
      current: { value: 88, year: 2026 },
      target: { value: 90, year: 2029 },
      achievementRate: 0.978,
      rateCell: at(r, e1, 5),
      markCell: null,
    });
    expect(inds[1]).toMatchObject({ baseline: { value: 2 }, current: { value: 3 }, target: { value: 4 }, achievementRate: 0.75 });
    expect(inds[2]).toMatchObject({ baseline: { value: 577, year: 2019 }, current: { value: 1008 }, target: { value: 1120 }, achievementRate: 0.9 });
    const { plan, after } = await fill(wb);
    expect(plan.changes.map((c) => [c.cell, c.kind, c.after])).toEqual([
      [at(r, e1, 5), "rate", 0.978],
      [at(r, e2, 5), "rate", 0.75],
      [at(r, e3, 5), "rate", 0.9],
    ]);
    expect(cellOf(after, "施策06", at(r, e1, 5))).toEqual({ value: 0.978, format: "0.0%" });
  });

  test("programme-plan (事業計画・取組目標): the 量的目標 table", async () => {
    const { wb, r } = await insert("programme-plan", { year: "令和7", no: "1", name: "複雑化・複合化した支援ニーズに対する訪問による相談支援", rows: "3" }, { sheet: "施策06", cell: "A7" });
    const [q1, q2, q3] = itemRows(r, "rows");
    const head = itemRows(r, "head")[0];
    await wb.applyEdits({
      cells: [
        { sheet: "施策06", cell: at(r, head + 2, 0), value: "複雑化・複合化した支援ニーズを抱える対象者に対して，アウトリーチを通して，相談支援及び伴走支援による継続支援を行う。" },
        { sheet: "施策06", cell: at(r, head + 6, 0), value: "複雑化・複合化した支援ニーズの早期発見につながる。" },
        ...typeRow(r, q1, { 0: "年間の訪問件数", 2: 1440, 3: "件", 4: 1300 }),
        ...typeRow(r, q2, { 0: "訪問による新規相談受付", 2: 48, 3: "件", 4: 52 }),
        ...typeRow(r, q3, { 0: "複雑化・複合化した支援ニーズに対する訪問による相談支援", 2: 400, 3: "件", 4: 380 }),
        { sheet: "施策06", cell: at(r, itemRows(r, "qualitative")[0] + 1, 0), value: "地域生活課題の早期発見・早期解決を図る。" },
      ],
    });
    const snap = await wb.readSnapshot();
    const a = analyzeWorkbook(snap);
    const header = head + 11;
    const ind = tablesOf(a, "施策06").filter((t) => t.kind === "indicators");
    expect(ind).toHaveLength(1);
    expect(ind[0].range).toBe(`${at(r, header, 0)}:${at(r, q3, 5)}`);
    const inds = a.indicators.filter((i) => i.sheet === "施策06");
    expect(inds.map((i) => [i.name, i.unit, i.target.value, i.current.value, i.achievementRate, i.rateCell])).toEqual([
      ["年間の訪問件数", "件", 1440, 1300, 0.903, at(r, q1, 5)],
      ["訪問による新規相談受付", "件", 48, 52, 1.083, at(r, q2, 5)],
      ["複雑化・複合化した支援ニーズに対する訪問による相談支援", "件", 400, 380, 0.95, at(r, q3, 5)],
    ]);
    const { plan, after } = await fill(wb);
    expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([
      [at(r, q1, 5), 0.903],
      [at(r, q2, 5), 1.083],
      [at(r, q3, 5), 0.95],
    ]);
    expect(cellOf(after, "施策06", at(r, q2, 5))).toEqual({ value: 1.083, format: "0.0%" });
  });

  test("jusoteki-projects (重層的支援体制整備事業 事業一覧・会議体)", async () => {
    const { wb, r } = await insert("jusoteki-projects", { rows: "3", meetings: "2" }, { sheet: "施策06", cell: "A7" });
    const [j1, j2, j3] = itemRows(r, "rows");
    const [m1, m2] = itemRows(r, "meetings");
    await wb.applyEdits({
      cells: [
        ...typeRow(r, j1, { 0: "包括的相談支援事業", 1: "法定事業", 2: "地域包括支援センターの運営【介護保険法】", 3: "身近なところで福祉に関する様々な相談が受けられるよう、地域包括支援センターにおける相談体制を充実させます。", 5: "高齢者支援課" }),
        ...typeRow(r, j2, { 0: "包括的相談支援事業", 1: "主な事業", 2: "福祉総合相談窓口", 3: "年齢や属性を問わず、福祉に関する相談を幅広く受け止める最初の窓口となります。", 5: "地域福祉推進課" }),
        ...typeRow(r, j3, { 0: "多機関協働事業", 1: "主な事業", 2: "相談支援包括化推進員の配置", 3: "市役所内および社会福祉協議会内の各部署に配置します。", 5: "地域福祉推進課" }),
        ...typeRow(r, m1, { 0: "相談支援包括化推進会議", 1: "推進員", 3: "定例開催 (年5回程度)", 4: "重層的支援体制推進に関する事項" }),
        ...typeRow(r, m2, { 0: "支援会議", 1: "当該事例に係る関係課の推進員", 3: "随時開催", 4: "気になる事例の情報提供・情報共有" }),
      ],
    });
    const snap = await wb.readSnapshot();
    expectOriginalKept(snap);
    const a = analyzeWorkbook(snap);
    const header = itemRows(r, "header")[0];
    const mh = itemRows(r, "meetingsHeader")[0];
    const kinds = tablesOf(a, "施策06").map((t) => [t.kind, t.range]);
    expect(kinds).toEqual([
      ["projects", `${at(r, header, 0)}:${at(r, j3, 5)}`],
      ["meetings", `${at(r, mh, 0)}:${at(r, m2, 5)}`],
    ]);
    expect(a.issues.filter((f) => f.sheet === "施策06" && f.severity === "error")).toEqual([]);
    const { plan } = await fill(wb);
    expect(plan.changes).toEqual([]);
  });

  test("management-sheet (whole sheet 1) as a new sheet", async () => {
    const { wb, r } = await insert(
      "management-sheet",
      { year: "令和7", policyName: "06　共に支え合う地域福祉の推進", indicatorRows: "2", programmeRows: "2", otherRows: "2" },
      { newSheet: "マネジメントシート令和7" },
    );
    expect(r.batch.addSheets).toEqual(["マネジメントシート令和7"]);
    const [k1, k2] = itemRows(r, "indicatorRows");
    const [p1, p2] = itemRows(r, "programmeRows");
    const S = "マネジメントシート令和7";
    // indicator table: B 指標 | C 単位 | D 基準値 | E, F 実績値 | G 目標値 | H 推移 | I 達成率 | J–N 考察
    // programme table: A No | B 事業名 | C–D 取組実績 | E–I Do | J–N ✔ | O Action
    await wb.applyEdits({
      cells: [
        ...typeRow(r, k1, { 1: "地域福祉コーディネーターの新規相談件数（地域支援）", 2: "件", 3: "348\n令和3年度", 4: 356, 5: 404, 6: "450\n令和8年度", 9: "前年度と比較して増加した。" }),
        ...typeRow(r, k2, { 1: "地域福祉コーディネーターの新規相談件数（個別支援）", 2: "件", 3: "429\n令和3年度", 4: 431, 5: 421, 6: "470\n令和8年度", 9: "前年度と比較して件数は減少した。" }),
        ...typeRow(r, p1, { 0: 28, 1: "福祉人材育成事業の推進", 2: "計画どおり", 4: "・当事者講師養成研修を本格実施した。", 9: "✔", 14: "・専門研修の内容充実" }),
        ...typeRow(r, p2, { 1: "【重点③】地域福祉コーディネーターを中心とする包括的な支援体制の構築", 2: "計画遅れ", 4: "・重層的支援体制整備事業を推進した。", 10: "✔", 13: "✔", 14: "・多機関協働による相談支援の充実" }),
      ],
    });
    const snap = await wb.readSnapshot();
    expectOriginalKept(snap);
    expect(cellOf(snap, S, "A1").value).toBe("施策・事務事業マネジメントシート【令和7年度】");
    expect(cellOf(snap, S, at(r, itemRows(r, "s1body")[0], 2)).value).toBe("06　共に支え合う地域福祉の推進");
    const a = analyzeWorkbook(snap);
    const kinds = tablesOf(a, S).map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(["indicators", "programme"]));
    const ih = itemRows(r, "indicatorHeader")[0];
    expect(tablesOf(a, S)).toContainEqual({ kind: "indicators", sheet: S, range: `${at(r, ih, 1)}:${at(r, k2, 13)}` });
    const inds = a.indicators.filter((i) => i.sheet === S);
    expect(inds.map((i) => [i.name, i.trendMark, i.achievementRate, i.markCell, i.rateCell])).toEqual([
      ["地域福祉コーディネーターの新規相談件数（地域支援）", "○", 0.898, `H${k1 + 1}`, `I${k1 + 1}`],
      ["地域福祉コーディネーターの新規相談件数（個別支援）", "▼", 0.896, `H${k2 + 1}`, `I${k2 + 1}`],
    ]);
    expect(a.issues.filter((f) => f.sheet === S && f.rule === "vocabulary")).toEqual([]);
    const { plan, after } = await fill(wb);
    expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([
      [`H${k1 + 1}`, "○"],
      [`I${k1 + 1}`, 0.898],
      [`H${k2 + 1}`, "▼"],
      [`I${k2 + 1}`, 0.896],
    ]);
    expect(cellOf(after, S, `I${k2 + 1}`)).toEqual({ value: 0.896, format: "0.0%" });
    expect(cellOf(after, S, `H${k2 + 1}`).value).toBe("▼");
    const ph = itemRows(r, "programmeHeader")[0];
    expect(tablesOf(analyzeWorkbook(after), S)).toContainEqual({ kind: "programme", sheet: S, range: `A${ph + 1}:O${p2 + 1}` });
    expect(analyzeWorkbook(after).issues.filter((f) => f.sheet === S && f.severity === "error")).toEqual([]);
  });
});

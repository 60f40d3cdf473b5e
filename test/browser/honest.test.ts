/**
 * The pane never says "no problems" for what it did not look at, and says values as a planner reads
 * them. In the real taskpane.html at 320 px on the project's fake Excel API (layout.ts):
 *  - a sheet without a table: 「表が見つかりません」, in チェック and in 推移・達成率;
 *  - an indicator table without its 目標値 column: the engine's finding is shown at the top, as the
 *    engine (run here on the same cells) reports it, and the table's reading is explained;
 *  - a #VALUE! in a 達成率 cell is never 「一致」;
 *  - after Apply in 推移・達成率, the チェック results are marked out of date and their fix buttons
 *    are off until checked again;
 *  - a wrong rate is shown and fixed as a percentage; a mark outside the legend offers the computed
 *    mark; years are 和暦;
 *  - 前年度比較 with the same year's workbook warns, with the files swapped refuses, with an unrelated
 *    workbook says nothing matched — never 「食い違いは見つかりませんでした」.
 */
import type { Page } from "playwright-core";
import { analyzeWorkbook } from "../../src/engine";
import { parseA1 } from "../../src/engine/model/grid";
import type { WorkbookSnapshot } from "../../src/workbook/port";
import { t } from "../../src/messages";
import { ensureBuild } from "./build";
import { launch, openTab, openTaskpaneInFakeExcel, screenshot, type Browser } from "./browser";
import { MERGES, OTHER, ROWS, SHEET } from "./layout";
import { makeFixture } from "./fixture";
import { OFFICE_JS_DIR, serve, type TestServer } from "./server";
import { makeNextYear, makeUnrelated } from "./workbooks";

let server: TestServer;
let browser: Browser;
let webDir: string;
let p: Page;

type Seed = string | number | null | { error: string } | { value: number; numberFormat: string };
type Fake = {
  selection: unknown;
  activeSheet: string;
  setCell(sheet: string, a1: string, v: Seed): void;
  getCell(sheet: string, a1: string): { value: unknown };
};
const fake = <T,>(fn: (f: Fake) => T): Promise<T> => p.evaluate(`(${fn.toString()})(window.__fakeExcel)`) as Promise<T>;
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function reopen(): Promise<void> {
  await p?.close();
  ({ page: p } = await openTaskpaneInFakeExcel(browser, server.origin, webDir, OFFICE_JS_DIR, { width: 320, height: 800 }));
}

async function onSheet(sheet: string): Promise<void> {
  await p.evaluate(`(() => { const f = window.__fakeExcel; f.selection = { sheet: ${JSON.stringify(sheet)}, ref: { top: 0, left: 0, bottom: 0, right: 0 } }; f.activeSheet = ${JSON.stringify(sheet)}; })()`);
}

/** The engine on the test layout with some cells changed (what the pane must show for the same cells). */
function analysisOf(change: (rows: (string | number | null)[][]) => void) {
  const rows = ROWS.map((r) => [...r]);
  change(rows);
  const merges = MERGES.map((m) => {
    const [a, b] = m.split(":").map(parseA1);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
  const snap = { sheets: [{ name: SHEET, values: rows, merges, rowCount: rows.length, colCount: 9 }] } as unknown as WorkbookSnapshot;
  return analyzeWorkbook(snap);
}

beforeAll(async () => {
  webDir = await ensureBuild();
  server = await serve(webDir);
  browser = await launch();
}, 15 * 60_000);

afterAll(async () => {
  await p?.close();
  await browser?.close();
  await server?.close();
});

describe("a sheet without a table", () => {
  beforeAll(reopen);

  test("チェック says 「表が見つかりません」, never 「問題は見つかりませんでした」", async () => {
    await onSheet(OTHER);
    await p.getByTestId("run-check").click();
    const none = p.getByTestId("check-tab").getByTestId("no-tables");
    await none.waitFor();
    await expect(none.textContent()).resolves.toContain("表が見つかりません");
    await expect(none.textContent()).resolves.toContain(OTHER);
    expect(await p.getByTestId("no-findings").count()).toBe(0);
    await screenshot(p, "honest-no-table-check.png");
  });

  test("推移・達成率 says so too", async () => {
    await openTab(p, "fill");
    await p.getByTestId("run-fill").click();
    const none = p.getByTestId("fill-tab").getByTestId("no-tables");
    await none.waitFor();
    await expect(none.textContent()).resolves.toContain("表が見つかりません");
    expect(await p.getByTestId("indicator").count()).toBe(0);
  });
});

describe("an indicator table without its 目標値 column", () => {
  beforeAll(reopen);

  test("the engine's finding is shown at the top; no 'no problems'", async () => {
    const expected = analysisOf((rows) => (rows[3][5] = null)).issues.filter((f) =>
      ["no-table", "table-missing-column", "table-uncertain"].includes(f.rule),
    );
    expect(expected.map((f) => f.rule)).toContain("table-missing-column");
    await fake((f) => f.setCell("施策06", "F4", null));
    await p.getByTestId("run-check").click();
    const box = p.getByTestId("check-tab").getByTestId("structure");
    await box.waitFor();
    const shown = await p.getByTestId("structure-finding").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-rule")}@${e.getAttribute("data-cell")}`));
    expect(shown).toEqual(expected.map((f) => `${f.rule}@${f.cell}`));
    for (const f of expected) await expect(box.textContent()).resolves.toContain(f.message);
    expect(await p.getByTestId("no-findings").count()).toBe(0);
    await screenshot(p, "honest-missing-column.png");
  });

  test("推移・達成率 shows the finding and how the table was read", async () => {
    await openTab(p, "fill");
    await p.getByTestId("run-fill").click();
    await p.getByTestId("fill-tab").getByTestId("structure").waitFor();
    const reading = p.getByTestId("table-reading");
    await reading.locator("summary").click();
    await expect(reading.textContent()).resolves.toContain(t("ja", "pane.fill.howRead"));
    await expect(reading.textContent()).resolves.toContain("E 実績値（令和6年度）");
    await expect(reading.textContent()).resolves.toContain("G 指標の推移");
  });
});

describe("values as a planner reads them", () => {
  beforeAll(reopen);

  test("a wrong rate is shown and fixed as a percentage", async () => {
    await fake((f) => f.setCell("施策06", "H7", { value: 0.5, numberFormat: "0.0%" }));
    await onSheet(SHEET);
    await p.getByTestId("run-check").click();
    const finding = p.locator('[data-testid=finding][data-rule="rate-mismatch"][data-cell="H7"]');
    await finding.waitFor();
    const text = (await finding.textContent())!;
    expect(text).toContain("89.6%");
    expect(text).toContain("50.0%");
    expect(text).not.toMatch(/0\.896|0\.5\b/);
    await expect(finding.getByTestId("fix").textContent()).resolves.toBe("「89.6%」に直す");
    await finding.getByTestId("fix").click();
    await finding.waitFor({ state: "detached" });
    expect(await fake((f) => f.getCell("施策06", "H7").value)).toBeCloseTo(0.896, 6);
  });

  test("a mark outside the legend offers the computed mark", async () => {
    await fake((f) => f.setCell("施策06", "G7", "×"));
    await p.getByTestId("run-check").click();
    const finding = p.locator('[data-testid=finding][data-rule="mark-not-in-legend"][data-cell="G7"]');
    await finding.waitFor();
    await expect(finding.getByTestId("fix").textContent()).resolves.toBe("「▼」に直す");
    await finding.getByTestId("fix").click();
    await finding.waitFor({ state: "detached" });
    expect(await fake((f) => f.getCell("施策06", "G7").value)).toBe("▼");
  });

  test("a look-alike character is named in words", async () => {
    await fake((f) => f.setCell("施策06", "G8", "〇"));
    await p.getByTestId("run-check").click();
    const finding = p.locator('[data-testid=finding][data-rule="lookalike-character"][data-cell="G8"]');
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toContain("よく似た別の文字");
    await fake((f) => f.setCell("施策06", "G8", "◎"));
  });

  test("a #VALUE! in a 達成率 cell is never 「一致」; years are 和暦", async () => {
    await fake((f) => f.setCell("施策06", "H8", { error: "#VALUE!" }));
    await openTab(p, "fill");
    await p.getByTestId("run-fill").click();
    const card = p.locator('[data-testid=indicator][data-row="8"]');
    await card.waitFor();
    if ((await card.getAttribute("data-expanded")) !== "true") await card.getByTestId("indicator-toggle").click();
    const rateRow = card.locator("tr", { has: p.locator("[data-testid=written-rate]") });
    await expect(rateRow.getByTestId("written-rate").textContent()).resolves.toBe("#VALUE!");
    await expect(rateRow.locator("td").last().textContent()).resolves.not.toBe(t("ja", "pane.fill.same"));
    const text = (await card.textContent())!;
    expect(text).toContain("令和3年度");
    expect(text).not.toMatch(/（20\d\d/);
    await screenshot(p, "honest-value-error.png");
  });
});

describe("results elsewhere after Apply", () => {
  beforeAll(reopen);

  test("the チェック results are marked out of date and their fix buttons are off", async () => {
    await p.getByTestId("run-check").click();
    const finding = p.locator('[data-testid=finding][data-rule="trend-mark-mismatch"][data-cell="G6"]');
    await finding.waitFor();
    expect(await finding.getByTestId("fix").isEnabled()).toBe(true);
    await openTab(p, "fill");
    await p.getByTestId("run-fill").click();
    await p.getByTestId("apply").click();
    await p.getByTestId("revert").waitFor();
    await openTab(p, "check");
    await p.getByTestId("check-tab").getByTestId("stale").waitFor();
    expect(await finding.getByTestId("fix").isDisabled()).toBe(true);
    expect(await p.getByTestId("fix-all").count()).toBe(0);
    await screenshot(p, "honest-stale.png");
    await p.getByTestId("stale-rerun").click();
    await p.getByTestId("check-tab").getByTestId("stale").waitFor({ state: "detached" });
    // G6 was written by Apply: its finding is gone.
    expect(await finding.count()).toBe(0);
  });
});

describe("前年度比較 with the wrong workbook", () => {
  beforeAll(async () => {
    await reopen();
    await openTab(p, "compare");
  });

  test("the same year's workbook: a warning, never 「食い違いは見つかりませんでした」", async () => {
    await p.getByTestId("compare-file").setInputFiles({ name: "same.xlsx", mimeType: xlsx, buffer: await makeFixture() });
    await p.getByTestId("compare-same-year").waitFor();
    await expect(p.getByTestId("compare-same-year").textContent()).resolves.toContain("令和6年度");
    expect(await p.getByTestId("compare-no-findings").count()).toBe(0);
  });

  test("the files swapped (a later year picked as last year's): refused, no findings listed", async () => {
    await p.getByTestId("compare-file").setInputFiles({ name: "next.xlsx", mimeType: xlsx, buffer: await makeNextYear() });
    await p.getByTestId("compare-refused").waitFor();
    await expect(p.getByTestId("compare-refused").textContent()).resolves.toContain("令和7年度");
    expect(await p.getByTestId("compare-finding").count()).toBe(0);
    expect(await p.getByTestId("compare-no-findings").count()).toBe(0);
    await screenshot(p, "honest-compare-swapped.png");
  });

  test("an unrelated workbook: nothing matched, said so", async () => {
    await p.getByTestId("compare-file").setInputFiles({ name: "other.xlsx", mimeType: xlsx, buffer: await makeUnrelated() });
    await p.getByTestId("compare-unrelated").waitFor();
    await expect(p.getByTestId("compare-unrelated").textContent()).resolves.toBe(t("ja", "pane.compare.nothingMatched"));
    expect(await p.getByTestId("compare-no-findings").count()).toBe(0);
  });
});

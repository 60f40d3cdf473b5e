/**
 * 前年度比較 in a real browser (Debian's Chromium) through the preview host page: this year's workbook
 * (layout.ts) is open; the user picks last year's workbook (the same table a year earlier, made here
 * with exceljs) in which the first indicator's 令和5年度 actual was 350 where this year's sheet says
 * 356, and the third indicator's target was 1,250 where it is 1,300 now. The pane must report the
 * mismatch on D6, list the changed target, select D6 when the finding is clicked, tell a file that is
 * not a workbook apart with the adapter's message, and pass axe. Then the same in the real
 * taskpane.html on the project's fake Excel API: the lazily loaded chunk loads under the page's CSP
 * and the click selects D6 in Excel.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { compareWorkbooks } from "../../src/engine/compare";
import { t } from "../../src/messages";
import { ensureBuild } from "./build";
import { axe, launch, openTab, screenshot, watch, type Browser, type PageWatch, openTaskpaneInFakeExcel } from "./browser";
import { makeFixture, SHEET } from "./fixture";
import { MERGES, PERCENT_CELLS, ROWS } from "./layout";
import { OFFICE_JS_DIR, serve, type TestServer } from "./server";

/** Last year's sheet: the same table for 令和6年度 (actuals of 令和4・5年度). */
async function makeLastYear(): Promise<Buffer> {
  const rows = ROWS.map((r) => [...r]);
  rows[0][0] = "施策・事務事業マネジメントシート【令和６年度】";
  rows[4][3] = "（令和4年度）";
  rows[4][4] = "（令和5年度）";
  // 地域支援: 令和5年度 was 350 last year (this year's sheet says 356: the planted mismatch).
  rows[5].splice(3, 5, 340, 350, "450\n令和8年度", "○", 0.778);
  // 個別支援: 令和5年度 431, as this year's sheet says.
  rows[6].splice(3, 5, 425, 431, "470\n令和8年度", "○", 0.917);
  // ボランティア登録者数: 令和5年度 1,250 as now; the target was 1,250 (now 1,300).
  rows[7].splice(3, 5, 1190, 1250, "1,250\n令和8年度", "◎", 1);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  rows.forEach((r, i) => r.forEach((v, c) => v !== null && (ws.getCell(i + 1, c + 1).value = v)));
  for (const m of MERGES) ws.mergeCells(m);
  for (const a of PERCENT_CELLS) ws.getCell(a).numFmt = "0.0%";
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

let server: TestServer;
let browser: Browser;
let page: Page;
let seen: PageWatch;
let thisYear: Buffer;
let lastYear: Buffer;
let webDir: string;

beforeAll(async () => {
  const dir = (webDir = await ensureBuild());
  thisYear = await makeFixture();
  lastYear = await makeLastYear();
  server = await serve(dir, { "/fixtures/shisaku06.xlsx": thisYear });
  browser = await launch();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  seen = await watch(page, server.origin, OFFICE_JS_DIR);
  await page.goto(`${server.origin}/preview.html?file=/fixtures/shisaku06.xlsx`);
  await page.locator('[data-testid=grid] td[data-cell="D6"]').waitFor();
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const seriousViolations = async (p: Page = page) =>
  (await axe(p))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`);

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("the engine itself finds the planted mismatch on D6 (the fixtures mean what they say)", async () => {
  const last = await XlsxWorkbook.fromBuffer(new Uint8Array(lastYear), "R6.xlsx").readSnapshot();
  const current = await XlsxWorkbook.fromBuffer(new Uint8Array(thisYear), "R7.xlsx").readSnapshot();
  const c = compareWorkbooks(last, current);
  const found = c.issues.map((f) => `${f.rule}@${f.sheet}!${f.cell}:${f.actual}/${f.expected}`);
  expect(found).toContain(`previous-mismatch@${SHEET}!D6:356/350`);
  expect(found.filter((f) => f.startsWith("previous-mismatch"))).toHaveLength(1);
  expect(found.filter((f) => f.startsWith("target-changed"))).toEqual([`target-changed@${SHEET}!F8:1300/1250`]);
});

test("the compare tab fetches its chunk only when opened", async () => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  // Other tabs do not load it.
  await openTab(page, "fill");
  await openTab(page, "check");
  expect(fetched.filter((p) => /compare\./.test(p))).toEqual([]);
  const chunk = page.waitForResponse((r) => /\/compare\.[0-9a-f]{8}\.js$/.test(new URL(r.url()).pathname));
  await openTab(page, "compare");
  await page.getByTestId("compare-tab").waitFor();
  expect((await chunk).status()).toBe(200);
});

test("a file that is not a workbook gets the reader's message, naming the file", async () => {
  const memo = Buffer.from("これはメモです。Excel のブックではありません。\n", "utf8");
  // What the reader says about it, in Japanese (its code and params through messages.ts).
  let expected = "";
  try {
    await XlsxWorkbook.fromBuffer(new Uint8Array(memo), "memo.xlsx").readSnapshot();
  } catch (e) {
    const err = e as { code: Parameters<typeof t>[1]; params: Record<string, string | number> };
    expected = t("ja", err.code, err.params);
  }
  expect(expected).toContain("memo.xlsx");
  await page.getByTestId("compare-file").setInputFiles({ name: "memo.xlsx", mimeType: xlsx, buffer: memo });
  const err = page.getByTestId("error");
  await err.waitFor();
  await expect(err.textContent()).resolves.toContain(expected);
  expect(await page.getByTestId("compare-finding").count()).toBe(0);
});

test("picking last year's workbook lists the previous-year mismatch on its cell, and the changed target", async () => {
  await page.getByTestId("compare-file").setInputFiles({ name: "shisaku06_R6.xlsx", mimeType: xlsx, buffer: lastYear });
  const finding = page.locator(`[data-testid=compare-finding][data-rule="previous-mismatch"][data-cell="D6"]`);
  await finding.waitFor();
  expect(await page.getByTestId("error").count()).toBe(0);
  await expect(finding.getAttribute("data-sheet")).resolves.toBe(SHEET);
  await expect(finding.getAttribute("data-severity")).resolves.toBe("error");
  const text = await finding.textContent();
  expect(text).toContain("地域福祉コーディネーターの新規相談件数（地域支援）");
  expect(text).toContain("356");
  expect(text).toContain("350");
  // Grouped as the Check tab does: under the sheet, under the rule's label.
  const group = page.locator(`section[aria-label="${t("ja", "pane.check.sheet", { sheet: SHEET })}"] [data-rule="previous-mismatch"] h4`);
  await expect(group.textContent()).resolves.toContain(t("ja", "pane.rule.previous-mismatch"));
  // Only the one mismatch; the target change is info on F8.
  const all = await page
    .getByTestId("compare-finding")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-rule")}@${e.getAttribute("data-cell")}`));
  expect(all.filter((r) => r.startsWith("previous-mismatch"))).toEqual(["previous-mismatch@D6"]);
  expect(all).toContain("target-changed@F8");
  await expect(page.getByTestId("compare-summary").textContent()).resolves.toMatch(/エラー\s*1/);
  await expect(page.getByTestId("compare-targets").textContent()).resolves.toBe(
    t("ja", "pane.compare.targetsChanged", { count: 1, names: "ボランティア登録者数" }),
  );
  expect(await page.getByTestId("compare-baselines").count()).toBe(0);
  await expect(page.getByTestId("compare-matched").textContent()).resolves.toContain("照合した指標 3 件");
  await expect(page.getByTestId("compare-last-file").textContent()).resolves.toContain("shisaku06_R6.xlsx");
  await screenshot(page, "compare-1-findings.png");
  expect(await seriousViolations()).toEqual([]);
});

test("clicking the finding highlights D6 in this year's sheet", async () => {
  await page.locator(`[data-testid=compare-finding][data-cell="D6"] button`).click();
  await page.locator(`[data-testid=grid][data-sheet="${SHEET}"] td[data-cell="D6"][data-selected="true"]`).waitFor();
  await expect(page.getByTestId("selection").textContent()).resolves.toBe(`選択中: ${SHEET}!D6`);
  expect(await page.locator("td[data-selected=true]").count()).toBe(1);
  await expect(page.locator(`[data-testid=compare-finding][data-cell="D6"] button`).getAttribute("aria-current")).resolves.toBe("true");
  await screenshot(page, "compare-2-selected.png");
});

test("in English the tab and its findings follow the language", async () => {
  await page.getByTestId("language").click();
  await expect(page.getByTestId("tab-compare").textContent()).resolves.toBe(t("en", "pane.tab.compare"));
  const finding = page.locator(`[data-testid=compare-finding][data-rule="previous-mismatch"][data-cell="D6"]`);
  await page.getByTestId("compare-targets").filter({ hasText: "target changed" }).waitFor();
  await expect(finding.textContent()).resolves.toContain("356");
  expect(await seriousViolations()).toEqual([]);
  await page.getByTestId("language").click();
  await page.getByTestId("compare-targets").filter({ hasText: "目標値" }).waitFor();
});

test("no CSP violations, page errors or outside requests", async () => {
  expect(await seen.csp()).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.external).toEqual([]);
});

describe("inside Excel: the real taskpane.html (the fake Excel API in place of Office.js)", () => {
  let p: Page;
  let w: PageWatch;
  type Fake = { selection?: { sheet: string; ref: { top: number; left: number; bottom: number; right: number } }; activeSheet?: string };
  const fake = <T,>(fn: (f: Fake) => T): Promise<T> => p.evaluate(`(${fn.toString()})(window.__fakeExcel)`) as Promise<T>;

  beforeAll(async () => {
    ({ page: p, watch: w } = await openTaskpaneInFakeExcel(browser, server.origin, webDir, OFFICE_JS_DIR));
  });
  afterAll(async () => {
    await p?.close();
  });

  test("pick last year's workbook, see the mismatch on D6, click it: Excel selects D6", async () => {
    await fake((f) => {
      f.selection = { sheet: "チェック結果", ref: { top: 0, left: 0, bottom: 0, right: 0 } };
      f.activeSheet = "チェック結果";
    });
    await openTab(p, "compare");
    await p.getByTestId("compare-file").setInputFiles({ name: "shisaku06_R6.xlsx", mimeType: xlsx, buffer: lastYear });
    const finding = p.locator(`[data-testid=compare-finding][data-rule="previous-mismatch"][data-cell="D6"][data-sheet="${SHEET}"]`);
    await finding.waitFor();
    await finding.locator("button").click();
    for (let i = 0; i < 50 && (await fake((f) => f.activeSheet)) !== SHEET; i++) await p.waitForTimeout(100);
    expect(await fake((f) => f.selection)).toEqual({ sheet: SHEET, ref: { top: 5, left: 3, bottom: 5, right: 3 } });
    await screenshot(p, "excel-compare.png");
    expect(await seriousViolations(p)).toEqual([]);
    expect(await w.csp()).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });
});

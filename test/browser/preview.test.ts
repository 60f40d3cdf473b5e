/**
 * The task pane driven in a real browser (Debian's Chromium) through the preview host page: open a
 * seed-000-like workbook, run Check, click a result, write the report, Fill, Download, Revert,
 * settings saved in the workbook, garbage settings rejected, an axe scan; and taskpane.html outside
 * Excel. Screenshots go to test-artifacts/.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { analyzeWorkbook } from "../../src/engine";
import { t } from "../../src/messages";
import { ensureBuild } from "./build";
import { axe, launch, openTab, screenshot, watch, type Browser, type PageWatch, openTaskpaneInFakeExcel } from "./browser";
import { makeFixture, SHEET } from "./fixture";
import { OFFICE_JS_DIR, serve, type TestServer } from "./server";

let server: TestServer;
let browser: Browser;
let page: Page;
let seen: PageWatch;
let fixture: Buffer;
let webDir: string;

beforeAll(async () => {
  const dir = (webDir = await ensureBuild());
  fixture = await makeFixture();
  const garbage = XlsxWorkbook.fromBuffer(new Uint8Array(fixture), "garbage.xlsx");
  await garbage.setSetting("plansheet.settings", JSON.stringify({ rateMethod: "magic", rateDecimals: "two" }));
  server = await serve(dir, {
    "/fixtures/shisaku06.xlsx": fixture,
    "/fixtures/garbage-settings.xlsx": Buffer.from(await garbage.toBuffer()),
    "/fixtures/empty.xlsx": Buffer.alloc(0),
    "/fixtures/memo.xlsx": Buffer.from("これはメモです。Excel のブックではありません。\n", "utf8"),
  });
  browser = await launch();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  seen = await watch(page, server.origin, OFFICE_JS_DIR);
  await page.goto(`${server.origin}/preview.html?file=/fixtures/shisaku06.xlsx`);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const cell = (a1: string) => page.locator(`[data-testid=grid] td[data-cell="${a1}"]`);
const seriousViolations = () => seriousViolationsOf(page);
const seriousViolationsOf = async (p: Page) =>
  (await axe(p))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`);

async function downloadWorkbook(): Promise<XlsxWorkbook> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  const file = await dl.path();
  expect(dl.suggestedFilename()).toBe("shisaku06.xlsx");
  return XlsxWorkbook.fromBuffer(new Uint8Array(fs.readFileSync(file)), "downloaded.xlsx");
}

async function cellText(wb: XlsxWorkbook, sheet: string, a1: string): Promise<unknown> {
  const snap = await wb.readSnapshot({ sheets: [sheet] });
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].charCodeAt(0) - 65;
  return snap.sheets[0].values[Number(m[2]) - 1]?.[col] ?? null;
}

test("the preview opens the workbook and shows the sheet as a grid", async () => {
  await cell("G6").waitFor();
  await expect(cell("G6").textContent()).resolves.toBe("▼");
  await expect(cell("A6").textContent()).resolves.toBe("地域福祉コーディネーターの新規相談件数（地域支援）");
  // 0.898 in a 0.0% format
  await expect(cell("H6").textContent()).resolves.toBe("89.8%");
  expect(await page.getByRole("tab", { name: "チェック結果", exact: true }).count()).toBe(1);
  await screenshot(page, "preview-1-opened.png");
});

test("Check finds the planted wrong mark, grouped by sheet and rule, with counts", async () => {
  await page.getByTestId("run-check").click();
  const finding = page.locator('[data-testid=finding][data-rule="trend-mark-mismatch"][data-cell="G6"]');
  await finding.waitFor();
  await expect(finding.getAttribute("data-sheet")).resolves.toBe(SHEET);
  await expect(finding.textContent()).resolves.toContain("○");
  // Only the planted error: the other marks and rates are right.
  const rules = await page.locator("[data-testid=finding]").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-rule")}@${e.getAttribute("data-cell")}`));
  expect(rules.filter((r) => r.startsWith("trend-mark") || r.startsWith("rate-"))).toEqual(["trend-mark-mismatch@G6"]);
  const summary = await page.getByTestId("check-summary").textContent();
  expect(summary).toMatch(/エラー\s*1/);
  await expect(page.locator("section h3").first().textContent()).resolves.toBe(`シート「${SHEET}」`);
  await screenshot(page, "preview-2-check.png");
  expect(await seriousViolations()).toEqual([]);
});

test("Check over every sheet gives the same findings as the command line's engine on the same file", async () => {
  await page.getByRole("radio", { name: "すべてのシート" }).check();
  await page.getByTestId("run-check").click();
  await page.locator('[data-testid=finding][data-cell="G6"]').waitFor();
  await page.getByTestId("progress").waitFor({ state: "detached" });
  // (The engine's findings about how tables were read are listed first, in a box of their own.)
  const inPane = await page
    .locator("[data-testid=finding], [data-testid=structure-finding]")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-sheet")}!${e.getAttribute("data-cell")} ${e.getAttribute("data-rule")}`));
  const wb = XlsxWorkbook.fromBuffer(new Uint8Array(fixture), "shisaku06.xlsx");
  const expected = analyzeWorkbook(await wb.readSnapshot()).issues.map((f) => `${f.sheet}!${f.cell} ${f.rule}`);
  expect([...inPane].sort()).toEqual([...expected].sort());
  expect(expected).toContain(`${SHEET}!G6 trend-mark-mismatch`);
  await page.getByRole("radio", { name: "このシート" }).check();
});

test("clicking a result shows its sheet and highlights its cell", async () => {
  // Look at another sheet first: the click must bring 施策06 back.
  await page.getByRole("tab", { name: "チェック結果", exact: true }).click();
  await page.locator('[data-testid=grid][data-sheet="チェック結果"]').waitFor();
  await page.locator('[data-testid=finding][data-cell="G6"] button').first().click();
  await page.locator(`[data-testid=grid][data-sheet="${SHEET}"] td[data-cell="G6"][data-selected="true"]`).waitFor();
  await expect(page.getByTestId("selection").textContent()).resolves.toBe(`選択中: ${SHEET}!G6`);
  expect(await page.locator("td[data-selected=true]").count()).toBe(1);
  await screenshot(page, "preview-3-selected.png");
});

test("a finding's fix writes the computed mark; undo puts the old one back", async () => {
  const finding = page.locator('[data-testid=finding][data-rule="trend-mark-mismatch"][data-cell="G6"]');
  await finding.getByTestId("fix").click();
  await page.locator('td[data-cell="G6"][data-written="true"]').waitFor();
  await expect(cell("G6").textContent()).resolves.toBe("○");
  // The check ran again: the finding is gone.
  await expect(page.getByTestId("notice").textContent()).resolves.toContain("1 件のセルを修正しました");
  expect(await finding.count()).toBe(0);
  await page.getByTestId("undo-fix").click();
  await page.locator('td[data-cell="G6"]:not([data-written])').waitFor();
  await expect(cell("G6").textContent()).resolves.toBe("▼");
  await finding.waitFor();
});

test("the report goes to a new sheet チェック結果 (2), leaving the existing one alone", async () => {
  await page.getByTestId("write-report").click();
  await expect(page.getByTestId("notice").textContent()).resolves.toContain("チェック結果 (2)");
  await page.getByRole("tab", { name: "チェック結果 (2)" }).click();
  await page.locator('[data-testid=grid][data-sheet="チェック結果 (2)"] td[data-cell="B5"]').waitFor();
  const rows = await page.locator('[data-testid=grid] td[data-cell^="B"]').allTextContents();
  expect(rows).toContain("G6");
  await page.getByRole("tab", { name: "チェック結果", exact: true }).click();
  await expect(cell("A1").textContent()).resolves.toBe("前回の担当者のメモ（消してはいけない）");
  await page.getByRole("tab", { name: SHEET }).click();
});

test("Fill shows computed against written, Apply writes the mark, Download has it", async () => {
  await openTab(page, "fill");
  await page.getByTestId("run-fill").click();
  const first = page.locator('[data-testid=indicator][data-row="6"]');
  await first.waitFor();
  await expect(first.getByTestId("computed-mark").textContent()).resolves.toBe("○");
  await expect(first.getByTestId("written-mark").textContent()).resolves.toBe("▼");
  await expect(first.getByTestId("computed-rate").textContent()).resolves.toBe("89.8%");
  await expect(first.getByTestId("will-change").count()).resolves.toBe(1);
  await expect(first.getByTestId("trend-chart").getAttribute("aria-label")).resolves.toContain("348");
  const second = page.locator('[data-testid=indicator][data-row="7"]');
  await expect(second.getByTestId("computed-mark").textContent()).resolves.toBe("▼");
  await expect(page.getByTestId("apply").textContent()).resolves.toBe("記入する（1 セル）");
  await screenshot(page, "preview-4-fill.png");
  expect(await seriousViolations()).toEqual([]);

  await page.getByTestId("apply").click();
  await page.locator('td[data-cell="G6"][data-written="true"]').waitFor();
  await expect(cell("G6").textContent()).resolves.toBe("○");
  await expect(cell("H6").textContent()).resolves.toBe("89.8%");
  await expect(cell("G7").textContent()).resolves.toBe("▼");
  await page.getByTestId("revert").waitFor();
  await screenshot(page, "preview-5-applied.png");

  const wb = await downloadWorkbook();
  expect(await cellText(wb, SHEET, "G6")).toBe("○");
  expect(await cellText(wb, SHEET, "G7")).toBe("▼");
  expect(await cellText(wb, SHEET, "I6")).toBe("住民主体の交流活動の場が増えた");
  expect(await cellText(wb, "チェック結果", "A1")).toBe("前回の担当者のメモ（消してはいけない）");
});

test("Revert puts back exactly what Apply replaced", async () => {
  await page.getByTestId("revert").click();
  await page.locator('td[data-cell="G6"]:not([data-written])').waitFor();
  await expect(cell("G6").textContent()).resolves.toBe("▼");
  await expect(cell("H6").textContent()).resolves.toBe("89.8%");
  await expect(page.locator('[data-testid=indicator][data-row="6"] [data-testid=written-mark]').textContent()).resolves.toBe("▼");
  await screenshot(page, "preview-6-reverted.png");
  const wb = await downloadWorkbook();
  expect(await cellText(wb, SHEET, "G6")).toBe("▼");
});

test("settings are saved in the workbook and change the computed rate", async () => {
  await page.getByTestId("settings-header").locator("button").click();
  await page.getByRole("radio", { name: /基準値からの進捗/ }).click();
  // (404 − 348) / (450 − 348) = 0.549
  await page.locator('[data-testid=indicator][data-row="6"] [data-testid=computed-rate]', { hasText: "54.9%" }).waitFor();
  const wb = await downloadWorkbook();
  const stored = JSON.parse((await wb.getSetting("plansheet.settings")) ?? "{}");
  expect(stored).toMatchObject({ rateMethod: "progress", capRate: false, rateDecimals: 1 });
});

test("テンプレート: the catalogue is listed and a template goes into a new sheet", async () => {
  await openTab(page, "templates");
  await page.getByTestId("templates-tab").waitFor();
  // (Fluent puts a Radio's data-testid on its input.)
  const options = page.locator('input[type=radio][data-testid^="template-"]');
  await options.first().waitFor();
  expect(await options.count()).toBeGreaterThanOrEqual(1);
  await page.getByTestId("template-preview").waitFor();
  const before = await page.getByRole("tab").count();
  await page.getByTestId("mode-newSheet").check();
  const sheetName = await page.getByTestId("sheet-name").getAttribute("placeholder");
  await page.getByTestId("insert").click();
  await page.getByTestId("templates-notice").waitFor();
  // The preview's sheet tabs show the new sheet (the write went through the pane's port).
  expect(sheetName).toBeTruthy();
  await page.getByRole("tab", { name: sheetName!, exact: true }).waitFor();
  expect(await page.getByRole("tab").count()).toBe(before + 1);
  await screenshot(page, "preview-8-templates.png");
  expect(await seriousViolations()).toEqual([]);
});

test("the pane switches to English", async () => {
  await page.getByTestId("language").click();
  await openTab(page, "check");
  await expect(page.getByTestId("run-check").textContent()).resolves.toBe(t("en", "pane.check.rerun"));
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
  // The findings are checked again, so the engine's messages are in English too.
  await page
    .locator('[data-testid=finding][data-cell="G6"]', { hasText: "The trend mark differs from the computed one" })
    .waitFor();
  await screenshot(page, "preview-7-english.png");
  await page.getByTestId("language").click();
});

test("nothing was loaded from outside, no CSP violation, no page error", async () => {
  expect(seen.external).toEqual([]);
  expect(await seen.csp()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test("settings stored in the workbook that do not fit are rejected, with a message", async () => {
  const p = await browser.context.newPage();
  const w = await watch(p, server.origin, OFFICE_JS_DIR);
  await p.goto(`${server.origin}/preview.html?file=/fixtures/garbage-settings.xlsx`);
  await openTab(p, "fill");
  const warn = p.getByTestId("settings-rejected");
  await warn.waitFor();
  await expect(warn.textContent()).resolves.toContain("既定の設定を使います");
  // The defaults are used: ratio 404 / 450 = 89.8%.
  await p.getByTestId("run-fill").click();
  await expect(p.locator('[data-testid=indicator][data-row="6"] [data-testid=computed-rate]').textContent()).resolves.toBe("89.8%");
  expect(await w.csp()).toEqual([]);
  await p.close();
});

test.each([
  ["empty.xlsx", t("ja", "file.empty", { file: "empty.xlsx" })],
  ["memo.xlsx", t("ja", "file.notXlsx", { file: "memo.xlsx" })],
])("a bad file (%s) gets a clear message naming it, and no pane", async (name, message) => {
  const p = await browser.context.newPage();
  const w = await watch(p, server.origin, OFFICE_JS_DIR);
  await p.goto(`${server.origin}/preview.html?file=/fixtures/${name}`);
  const err = p.getByTestId("preview-error");
  await err.waitFor();
  await expect(err.textContent()).resolves.toBe(message);
  expect(await p.getByTestId("run-check").count()).toBe(0);
  expect(await p.getByTestId("download").isDisabled()).toBe(true);
  if (name === "memo.xlsx") await screenshot(p, "preview-bad-file.png");
  expect(w.errors).toEqual([]);
  await p.close();
});

test("taskpane.html outside Excel: Office.js (from the CDN, served locally here) loads and the page says what to do", async () => {
  const p = await browser.context.newPage();
  const w = await watch(p, server.origin, OFFICE_JS_DIR);
  await p.goto(`${server.origin}/taskpane.html`);
  const msg = p.getByTestId("not-in-excel");
  await msg.waitFor({ timeout: 30_000 });
  await expect(msg.textContent()).resolves.toContain("マイ アドインのアップロード");
  await screenshot(p, "taskpane-outside-excel.png");
  // The only outside origin the page asked for is the Office CDN.
  expect(w.external.length).toBeGreaterThan(0);
  expect(w.external.every((u) => u.startsWith("https://appsforoffice.microsoft.com/lib/1/hosted/"))).toBe(true);
  expect(await w.csp()).toEqual([]);
  await p.close();
});

/**
 * A stand-in for Office.js inside Excel: onReady says "Excel"; Excel.run first reports cell-edit
 * mode (three times), then fails outright. The real task pane bundle and Office adapter run on it.
 */
const FAKE_OFFICE_JS = `
window.__excelCalls = 0;
window.Office = {
  HostType: { Excel: "Excel" },
  onReady: function (cb) {
    var info = { host: "Excel", platform: "OfficeOnline" };
    if (cb) setTimeout(function () { cb(info); }, 0);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: "ja-JP",
    requirements: { isSetSupported: function () { return false; } },
    document: { settings: { get: function () { return null; }, set: function () {}, saveAsync: function (cb) { if (cb) cb({ status: "succeeded" }); } } }
  }
};
window.Excel = {
  run: function () {
    window.__excelCalls++;
    if (window.__excelCalls <= 3) {
      var e = new Error("The cell is being edited");
      e.code = "InvalidOperationInCellEditMode";
      return Promise.reject(e);
    }
    return Promise.reject(new Error("テスト用の Excel はブックを読めません"));
  }
};
`;

test("inside Excel (a stand-in Office.js): cell-edit mode shows the notice and retries; a failure is a clear message in the pane", async () => {
  const p = await browser.context.newPage();
  const w = await watch(p, server.origin, OFFICE_JS_DIR);
  await p.route("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", (r) =>
    r.fulfill({ body: FAKE_OFFICE_JS, contentType: "text/javascript" }),
  );
  await p.goto(`${server.origin}/taskpane.html`);
  await p.getByTestId("run-check").click();
  const busy = p.getByTestId("busy");
  await busy.waitFor();
  await expect(busy.textContent()).resolves.toBe("セル編集中です。編集を終えると自動で再試行します");
  await screenshot(p, "taskpane-edit-mode.png");
  const error = p.getByTestId("error");
  await error.waitFor();
  await busy.waitFor({ state: "detached" });
  await expect(error.textContent()).resolves.toContain("テスト用の Excel はブックを読めません");
  // It retried past the edit mode (3 refusals) before giving the error.
  expect(await p.evaluate(() => (window as unknown as { __excelCalls: number }).__excelCalls)).toBeGreaterThan(3);
  await screenshot(p, "taskpane-error.png");
  expect(await seriousViolationsOf(p)).toEqual([]);
  expect(await w.csp()).toEqual([]);
  await p.close();
});

describe("inside Excel: the real taskpane.html on the project's fake Excel API (in place of Office.js)", () => {
  let p: Page;
  let w: PageWatch;
  type Fake = {
    selection?: { sheet: string; ref: { top: number; left: number; bottom: number; right: number } };
    activeSheet?: string;
    undoSteps: number;
    editModeFailures: number;
    syncCount: number;
    settings: { saved: Map<string, unknown> };
    getCell(sheet: string, a1: string): { value: unknown };
    dump(): Record<string, Record<string, unknown>>;
    setCell(sheet: string, a1: string, v: string | number | null): void;
  };
  const fake = <T,>(fn: (f: Fake) => T): Promise<T> =>
    p.evaluate(`(${fn.toString()})(window.__fakeExcel)`) as Promise<T>;

  beforeAll(async () => {
    ({ page: p, watch: w } = await openTaskpaneInFakeExcel(browser, server.origin, webDir, OFFICE_JS_DIR));
  });
  afterAll(async () => {
    await p?.close();
  });

  test("Check lists the planted wrong mark; clicking it selects G6 in Excel", async () => {
    await fake((f) => {
      f.selection = { sheet: "チェック結果", ref: { top: 0, left: 0, bottom: 0, right: 0 } };
      f.activeSheet = "チェック結果";
    });
    // This sheet = the sheet of Excel's selection: チェック結果 has no findings; every sheet has G6.
    await p.getByRole("radio", { name: "すべてのシート" }).check();
    await p.getByTestId("run-check").click();
    const finding = p.locator(`[data-testid=finding][data-rule="trend-mark-mismatch"][data-cell="G6"][data-sheet="${SHEET}"]`);
    await finding.locator("button").first().click();
    for (let i = 0; i < 50 && (await fake((f) => f.activeSheet)) !== SHEET; i++) await p.waitForTimeout(100);
    expect(await fake((f) => f.activeSheet)).toBe(SHEET);
    expect(await fake((f) => f.selection)).toEqual({ sheet: SHEET, ref: { top: 5, left: 6, bottom: 5, right: 6 } });
    await screenshot(p, "excel-1-check.png");
    expect(await seriousViolationsOf(p)).toEqual([]);
  });

  test("Apply writes only G6 (○) in one undo step; Revert puts back exactly what it replaced", async () => {
    const before = await fake((f) => JSON.stringify(f.dump()));
    await openTab(p, "fill");
    await p.getByTestId("run-fill").click();
    await expect(p.locator('[data-testid=indicator][data-row="6"] [data-testid=computed-mark]').textContent()).resolves.toBe("○");
    const undoBefore = await fake((f) => f.undoSteps);
    await p.getByTestId("apply").click();
    await p.getByTestId("revert").waitFor();
    expect(await fake((f) => f.getCell("施策06", "G6").value)).toBe("○");
    expect((await fake((f) => f.undoSteps)) - undoBefore).toBe(1);
    // Nothing else changed.
    const after = JSON.parse(await fake((f) => JSON.stringify(f.dump())));
    const orig = JSON.parse(before);
    expect(after[SHEET].G6).toEqual({ ...orig[SHEET].G6, v: "○" });
    after[SHEET].G6 = orig[SHEET].G6;
    expect(after).toEqual(orig);
    await screenshot(p, "excel-2-applied.png");

    await p.getByTestId("revert").click();
    await p.getByTestId("revert").waitFor({ state: "detached" });
    expect(await fake((f) => JSON.stringify(f.dump()))).toBe(before);
  });

  test("Revert after the user edited other cells: Apply's cells go back, the user's edits stay", async () => {
    await p.getByTestId("apply").click();
    await p.getByTestId("revert").waitFor();
    await fake((f) => f.setCell("施策06", "I6", "利用者が後から書き足した考察"));
    await p.getByTestId("revert").click();
    await p.getByTestId("notice").filter({ hasText: "記入前の値に戻しました（1 セル）" }).waitFor();
    expect(await fake((f) => f.getCell("施策06", "G6").value)).toBe("▼");
    expect(await fake((f) => f.getCell("施策06", "I6").value)).toBe("利用者が後から書き足した考察");
  });

  test("Revert after the user changed a written cell: that cell is left as the user made it, and the pane says so", async () => {
    await p.getByTestId("apply").click();
    await p.getByTestId("revert").waitFor();
    await fake((f) => f.setCell("施策06", "G6", "◎"));
    await p.getByTestId("revert").click();
    const notice = p.getByTestId("notice").filter({ hasText: "施策06!G6" });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain("今の内容のまま残しました");
    expect(await fake((f) => f.getCell("施策06", "G6").value)).toBe("◎");
    await screenshot(p, "excel-2b-revert-kept.png");
    await fake((f) => f.setCell("施策06", "G6", "▼"));
  });

  test("settings are saved in the document settings", async () => {
    await p.getByTestId("settings-header").locator("button").click();
    // (The switch shows the saved setting: it turns on once the save went through.)
    const cap = p.getByRole("switch", { name: /上限を 100%/ });
    await cap.click();
    await p.getByTestId("notice").filter({ hasText: "設定をブックに保存しました" }).waitFor();
    expect(await cap.isChecked()).toBe(true);
    const saved = await fake((f) => String(f.settings.saved.get("plansheet.settings")));
    expect(JSON.parse(saved)).toMatchObject({ rateMethod: "ratio", capRate: true, rateDecimals: 1 });
  });

  test("cell-edit mode: the pane says so, retries, and goes through", async () => {
    await openTab(p, "check");
    await fake((f) => {
      f.editModeFailures = 3;
    });
    await p.getByTestId("run-check").click();
    await p.getByTestId("busy").waitFor();
    await screenshot(p, "excel-3-edit-mode.png");
    await p.getByTestId("busy").waitFor({ state: "detached" });
    await p.locator('[data-testid=finding][data-cell="G6"]').waitFor();
    expect(await p.getByTestId("error").count()).toBe(0);
    expect(await fake((f) => f.editModeFailures)).toBe(0);
  });

  test("no CSP violation, nothing from outside but the (stand-in) Office.js, no page error", async () => {
    expect(await w.csp()).toEqual([]);
    // (The stand-in Office.js is answered by this test's own route, before the watcher's.)
    expect(w.external).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});


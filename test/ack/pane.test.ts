/**
 * The task pane at 320 px (real taskpane.html on the project's fake Excel API, test/browser): a
 * finding marked 確認済み with a reason and a name is listed apart (folded) and not counted, is kept
 * in the document settings, comes back with a note when its values change, and the mark can be
 * removed; 「オープンデータ用CSVを保存」 downloads the same CSV as `plansheet export`.
 */
import type { Page } from "playwright-core";
import { t } from "../../src/messages";
import { ACK_KEY, parseAckStore } from "../../src/engine/ack";
import { ensureBuild } from "../browser/build";
import { clipped, launch, openTaskpaneInFakeExcel, screenshot, sideScroll, type Browser } from "../browser/browser";
import { SHEET } from "../browser/layout";
import { OFFICE_JS_DIR, serve, type TestServer } from "../browser/server";

let server: TestServer;
let browser: Browser;
let webDir: string;
let p: Page;

beforeAll(async () => {
  webDir = await ensureBuild();
  server = await serve(webDir);
  browser = await launch();
  ({ page: p } = await openTaskpaneInFakeExcel(browser, server.origin, webDir, OFFICE_JS_DIR, { width: 320, height: 800 }));
}, 15 * 60_000);

afterAll(async () => {
  await p?.close();
  await browser?.close();
  await server?.close();
});

const g6 = () => p.locator(`[data-testid=finding][data-cell=G6][data-rule=trend-mark-mismatch]`);
const stored = () => p.evaluate(`Office.context.document.settings.get(${JSON.stringify(ACK_KEY)})`) as Promise<string | null>;

async function fits(what: string) {
  const s = await sideScroll(p);
  expect({ what, fits: s.scrollWidth <= s.innerWidth }).toEqual({ what, fits: true });
  expect({ what, clipped: await clipped(p, "[data-testid=finding], [data-testid=acknowledged-finding]") }).toEqual({ what, clipped: [] });
}

test("mark a finding 確認済み: listed apart, folded, not counted, stored in the document", async () => {
  await p.getByTestId("run-check").click();
  await g6().waitFor();
  const errorsBefore = await p.getByTestId("check-summary").textContent();
  expect(errorsBefore).toContain(`${t("ja", "pane.severity.error")} 1`);
  await g6().getByTestId("ack-open").click();
  await p.getByTestId("ack-reason").fill("目標値見直し予定のため");
  await p.getByTestId("ack-by").fill("評価 太郎");
  await fits("ack form");
  await screenshot(p, "ack-form-320.png");
  await p.getByTestId("ack-save").click();
  await p.getByTestId("acknowledged").waitFor();
  expect(await g6().count()).toBe(0);
  expect(await p.getByTestId("check-summary").textContent()).toContain(`${t("ja", "pane.severity.error")} 0`);
  await expect(p.getByTestId("acknowledged").textContent()).resolves.toContain(t("ja", "pane.ack.listTitle", { count: 1 }));
  // folded until opened
  expect(await p.getByTestId("acknowledged-reason").count()).toBe(0);
  await p.getByTestId("acknowledged").getByRole("button", { name: t("ja", "pane.ack.listTitle", { count: 1 }) }).click();
  const reason = await p.getByTestId("acknowledged-reason").textContent();
  expect(reason).toContain("目標値見直し予定のため");
  expect(reason).toContain("評価 太郎");
  await fits("acknowledged list");
  await screenshot(p, "ack-list-320.png");
  // kept in the document settings, in the engine's format
  const raw = await stored();
  const parsed = parseAckStore(raw);
  expect(parsed.ok && parsed.store.items.map((a) => ({ rule: a.rule, sheet: a.sheet, cell: a.cell, reason: a.reason, by: a.by }))).toEqual([
    { rule: "trend-mark-mismatch", sheet: SHEET, cell: "G6", reason: "目標値見直し予定のため", by: "評価 太郎" },
  ]);
});

test("checked again: still acknowledged; when the values change the finding is back with a note", async () => {
  await p.getByTestId("run-check").click();
  await p.getByTestId("acknowledged").waitFor();
  expect(await g6().count()).toBe(0);
  await p.evaluate(`window.__fakeExcel.setCell(${JSON.stringify(SHEET)}, "E6", 405)`);
  await p.getByTestId("run-check").click();
  await g6().waitFor();
  await expect(g6().getByTestId("ack-lapsed").textContent()).resolves.toContain("目標値見直し予定のため");
  expect(await p.getByTestId("acknowledged").count()).toBe(0);
  await fits("lapsed");
  // back as it was: acknowledged again, then the mark removed
  await p.evaluate(`window.__fakeExcel.setCell(${JSON.stringify(SHEET)}, "E6", 404)`);
  await p.getByTestId("run-check").click();
  await p.getByTestId("acknowledged").waitFor();
  await p.getByTestId("acknowledged").getByRole("button", { name: t("ja", "pane.ack.listTitle", { count: 1 }) }).click();
  await p.getByTestId("ack-remove").click();
  await g6().waitFor();
  expect(await p.getByTestId("acknowledged").count()).toBe(0);
  const parsed = parseAckStore(await stored());
  expect(parsed.ok && parsed.store.items).toEqual([]);
});

test("「オープンデータ用CSVを保存」 downloads the indicators as CSV with BOM", async () => {
  const [download] = await Promise.all([p.waitForEvent("download"), p.getByTestId("save-open-data").click()]);
  expect(download.suggestedFilename()).toBe(t("ja", "pane.opendata.fileName"));
  const path = await download.path();
  const bytes = require("fs").readFileSync(path) as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe("ファイル,シート,表,指標名,単位,方向,種別,年度（西暦）,年度（和暦）,値,値がない理由,セル");
  // 3 indicators × (基準値, 2 実績値, 最終目標, 達成率)
  expect(lines.filter((l) => l.includes(`,${SHEET},`))).toHaveLength(15);
  expect(lines.some((l) => l.endsWith(",実績値,2024,令和6年度,404,,E6"))).toBe(true);
  await fits("open data");
});

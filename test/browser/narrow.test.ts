/**
 * The real taskpane.html at the widths of Excel's task pane (320 and 350 px), in Japanese and in
 * English, on the project's fake Excel API: on every tab, after doing its work (check, read the
 * indicators with the settings open, a template's overwrite question, a comparison with last year),
 * nothing scrolls sideways, every finding's text is inside the pane, the overwrite question is in
 * view without scrolling, and (at 320 px) axe finds no serious violation. Screenshots go to
 * test-artifacts/narrow-*.png.
 */
import type { Page } from "playwright-core";
import { t, type Locale } from "../../src/messages";
import { ensureBuild } from "./build";
import { axe, clipped, launch, openTab, openTaskpaneInFakeExcel, screenshot, sideScroll, type Browser } from "./browser";
import { SHEET } from "./layout";
import { OFFICE_JS_DIR, serve, type TestServer } from "./server";
import { makeLastYear } from "./workbooks";

let server: TestServer;
let browser: Browser;
let webDir: string;
let lastYear: Buffer;

beforeAll(async () => {
  webDir = await ensureBuild();
  lastYear = await makeLastYear();
  server = await serve(webDir);
  browser = await launch();
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const FINDINGS = "[data-testid=finding], [data-testid=compare-finding], [data-testid=structure-finding]";
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const serious = async (p: Page) =>
  (await axe(p))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`);

async function expectFits(p: Page, what: string) {
  const s = await sideScroll(p);
  expect({ what, ...s, fits: s.scrollWidth <= s.innerWidth }).toEqual({ what, ...s, fits: true });
  expect({ what, clipped: await clipped(p, FINDINGS) }).toEqual({ what, clipped: [] });
  // Badges grow with their text: none is wider than its pill.
  expect({ what, badges: await clipped(p, ".fui-Badge") }).toEqual({ what, badges: [] });
}

describe.each([320, 350])("at %i px", (width) => {
  describe.each(["ja", "en"] as Locale[])("in %s", (lang) => {
    let p: Page;
    beforeAll(async () => {
      ({ page: p } = await openTaskpaneInFakeExcel(browser, server.origin, webDir, OFFICE_JS_DIR, { width, height: 720, lang }));
    });
    afterAll(async () => {
      await p?.close();
    });
    const shot = (tab: string) => screenshot(p, `narrow-${width}-${lang}-${tab}.png`);

    test("the tabs fit: those that do not are in the overflow menu, and every tab can be reached", async () => {
      await expectFits(p, "start");
      const tabs = p.getByRole("tablist");
      const box = await tabs.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await expect(p.getByTestId("tab-check").textContent()).resolves.toBe(t(lang, "pane.tab.check"));
    });

    test("チェック: findings inside the pane", async () => {
      await openTab(p, "check");
      await p.locator('input[type=radio][value="all"]').first().check();
      await p.getByTestId("run-check").click();
      await p.locator(`[data-testid=finding][data-cell="G6"][data-sheet="${SHEET}"]`).waitFor();
      await expectFits(p, "check");
      await shot("check");
      if (width === 320) expect(await serious(p)).toEqual([]);
    });

    test("推移・達成率: cards and the settings inside the pane; the number input speaks the pane's language", async () => {
      await openTab(p, "fill");
      await p.getByTestId("run-fill").click();
      await p.locator('[data-testid=indicator][data-row="6"]').waitFor();
      await p.getByTestId("settings-header").locator("button").click();
      const inc = p.getByTestId("fill-tab").locator("[data-testid=decimals]").locator("xpath=..").locator("button").first();
      await inc.waitFor();
      const labels = await p
        .getByTestId("fill-tab")
        .locator(".fui-SpinButton button")
        .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
      expect(labels).toEqual([t(lang, "pane.settings.increment"), t(lang, "pane.settings.decrement")]);
      // After reading, the primary button is the next step: Apply.
      await expect(p.getByTestId("apply").getAttribute("data-appearance")).resolves.toBe("primary");
      await expect(p.getByTestId("run-fill").getAttribute("data-appearance")).resolves.toBe("secondary");
      await expectFits(p, "fill");
      await shot("fill");
      if (width === 320) expect(await serious(p)).toEqual([]);
    });

    test("テンプレート: the overwrite question stands in view, next to the button", async () => {
      await openTab(p, "templates");
      await p.getByTestId("template-preview").waitFor();
      // The selection is A1 of the sheet チェック結果, which holds a memo: inserting there asks first.
      await p.evaluate(() => {
        const f = (window as unknown as { __fakeExcel: { selection: unknown; activeSheet: string } }).__fakeExcel;
        f.selection = { sheet: "チェック結果", ref: { top: 0, left: 0, bottom: 0, right: 0 } };
        f.activeSheet = "チェック結果";
      });
      await p.getByTestId("mode-selection").check();
      await p.getByTestId("insert").click();
      const confirm = p.getByTestId("confirm");
      await confirm.waitFor();
      await p.waitForTimeout(300);
      const box = (await confirm.boundingBox())!;
      const vh = await p.evaluate(() => window.innerHeight);
      await shot("templates-confirm");
      expect({ top: box.y >= 0, bottom: box.y + box.height <= vh }).toEqual({ top: true, bottom: true });
      const overwrite = (await p.getByTestId("confirm-overwrite").boundingBox())!;
      expect(overwrite.y + overwrite.height).toBeLessThanOrEqual(vh);
      await expectFits(p, "templates");
      await shot("templates");
      if (width === 320) expect(await serious(p)).toEqual([]);
      await p.getByTestId("confirm-cancel").click();
      await confirm.waitFor({ state: "detached" });
    });

    test("前年度比較: the chosen file's name and the findings inside the pane", async () => {
      await openTab(p, "compare");
      await p.getByTestId("compare-file").setInputFiles({ name: "shisaku06_令和6年度_最終版_提出用.xlsx", mimeType: xlsx, buffer: lastYear });
      await p.locator(`[data-testid=compare-finding][data-cell="D6"]`).waitFor();
      await expect(p.getByTestId("compare-file-name").textContent()).resolves.toBe("shisaku06_令和6年度_最終版_提出用.xlsx");
      await expectFits(p, "compare");
      await shot("compare");
      if (width === 320) expect(await serious(p)).toEqual([]);
    });
  });
});

/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): workbook text that
 * looks like markup shows as text, creates no element, runs nothing, and the page loads nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";
import { buildHtmlReport, type FileResult } from "../../src/engine/report";
import { chofu } from "./fixtures";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const PAYLOADS = [
  "<script>window.__pwned = 1</script>",
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "</td></tr></table><iframe src=\"https://example.com\"></iframe>",
];

function hostile(): FileResult {
  const base = chofu();
  return {
    ...base,
    file: `${PAYLOADS[0]}.xlsx`,
    sheets: [{ name: PAYLOADS[1], tables: [{ kind: "indicators", range: PAYLOADS[2] }] }],
    indicators: base.indicators.map((i, k) => ({ ...i, sheet: PAYLOADS[1], name: PAYLOADS[k % PAYLOADS.length], unit: PAYLOADS[3] })),
    issues: PAYLOADS.map((p, k) => ({ rule: p, severity: "error" as const, sheet: PAYLOADS[1], cell: `G${k + 1}`, message: p, expected: p, actual: p })),
    progress: PAYLOADS.map((p, k) => ({ sheet: "進捗", row: k + 5, name: p, evaluation: p })),
  };
}

const maybe = fs.existsSync(CHROMIUM) ? describe : describe.skip;

maybe("HTML report in Chromium", () => {
  test("markup from workbooks is shown as text, nothing runs, nothing is loaded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-report-"));
    const file = path.join(dir, "report.html");
    fs.writeFileSync(file, buildHtmlReport([hostile()], { locale: "ja" }));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto("file://" + file);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        title: document.title,
        dangerous: document.querySelectorAll("script, img, iframe, object, embed, link, [onerror], [onload]").length,
        svgCount: document.querySelectorAll("svg").length,
        text: document.body.innerText,
      }));
      expect(state.pwned).toBeNull();
      expect(state.title).toBe("PlanSheet チェック結果レポート");
      expect(state.dangerous).toBe(0);
      expect(state.svgCount).toBe(3); // trend, evaluation and pace charts only: the "<svg onload>" text made none
      for (const p of PAYLOADS) expect(state.text).toContain(p);
      expect(requests).toEqual(["file://" + file]);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The テンプレート tab in Chromium: choose a template, change a parameter, insert over non-empty
 * cells (the question lists them), confirm, undo, insert a whole sheet, refuse a merged area.
 * The tab is bundled with webpack into a small harness page (the workbook is the xlsx adapter
 * over an in-memory file). Needs /usr/bin/chromium (or CHROMIUM_PATH), as test/browser does.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import webpack from "webpack";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
let out: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function build(dir: string): Promise<void> {
  const compiler = webpack({
    mode: "development",
    devtool: false,
    context: ROOT,
    target: ["web", "es2020"],
    entry: path.join(__dirname, "harness/index.tsx"),
    output: { path: dir, filename: "bundle.js" },
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        { test: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/](util|doc)\.js$/, use: path.join(ROOT, "scripts/webpack-no-function-loader.js") },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, configFile: path.join(ROOT, "tsconfig.json"), compilerOptions: { module: "esnext", target: "es2020", noEmit: false } },
          },
        },
      ],
    },
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err || !stats || stats.hasErrors()) reject(err ?? new Error(stats?.toString("errors-only")));
      else resolve();
    }),
  );
}

async function workbookBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("施策06");
  ws.getCell("A1").value = "既存の表題";
  ws.mergeCells("D2:F3");
  const memo = wb.addWorksheet("メモ");
  memo.getCell("A1").value = "前年度からの引継ぎ事項";
  memo.getCell("A2").value = "指標の定義を確認すること";
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

async function cell(sheet: string, a1: string): Promise<unknown> {
  return page.evaluate(
    async ([s, a]) => {
      const w = window as unknown as { wb: { readSnapshot(): Promise<{ sheets: { name: string; values: unknown[][] }[] }> } };
      const snap = await w.wb.readSnapshot();
      const sh = snap.sheets.find((x) => x.name === s);
      if (!sh) return undefined;
      const m = /^([A-Z])(\d+)$/.exec(a)!;
      return (sh.values[Number(m[2]) - 1] ?? [])[m[1].charCodeAt(0) - 65] ?? null;
    },
    [sheet, a1] as const,
  );
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  out = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-templates-pane-"));
  await build(out);
  fs.writeFileSync(path.join(out, "index.html"), '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root" style="width:420px"></div><script src="bundle.js"></script></body></html>');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage({ viewport: { width: 460, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto("file://" + path.join(out, "index.html"));
  await page.evaluate((b64) => (window as unknown as { start(x: string): void }).start(b64), await workbookBase64());
  await page.waitForSelector('[data-testid="template-preview"]');
}, 120000);

afterAll(async () => {
  await browser?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test("choose, preview, insert over content after asking, undo; a whole sheet; a merged area refused", async () => {
  const preview = page.locator('[data-testid="template-preview"]');
  expect(await preview.locator("td", { hasText: /^まちづくり指標$/ }).count()).toBe(1);

  await page.click('[data-testid="template-progress-list"]');
  expect(await preview.locator("td", { hasText: "説明(進捗状況)" }).count()).toBe(1);
  await page.fill('[data-testid="param-rows"]', "3");
  // title, legend, two header rows, three item rows
  expect(await preview.locator("tr").count()).toBe(7);

  await page.evaluate(() => ((window as unknown as { sel: unknown }).sel = { sheet: "メモ", cell: "A1" }));
  await page.click('[data-testid="insert"]');
  await page.waitForSelector('[data-testid="confirm"]');
  expect(await page.locator('[data-testid="confirm"]').innerText()).toContain("シート「メモ」の次の 2 セルには内容があり、挿入すると上書きされます: A1, A2");
  expect(await cell("メモ", "A1")).toBe("前年度からの引継ぎ事項");
  await page.click('[data-testid="confirm-overwrite"]');
  await page.waitForSelector('[data-testid="templates-notice"]');
  expect(await page.locator('[data-testid="templates-notice"]').innerText()).toContain("「進捗状況一覧表」をシート「メモ」の A1:H7 に挿入しました。");
  expect(await cell("メモ", "A1")).toBe("第６期地域福祉計画進捗状況一覧表");
  expect(await cell("メモ", "E4")).toBe("評価");

  await page.click('[data-testid="templates-undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="templates-notice"]')?.textContent?.includes("挿入を元に戻しました"));
  expect(await cell("メモ", "A1")).toBe("前年度からの引継ぎ事項");
  expect(await cell("メモ", "E4")).toBeNull();

  await page.click('[data-testid="template-management-sheet"]');
  await page.fill('[data-testid="param-year"]', "来年");
  expect(await page.locator("text=「来年」は年度として読めません").count()).toBe(1);
  await page.fill('[data-testid="param-year"]', "令和8");
  expect(await page.locator("text=令和7 のように入力（令和8年度）").count()).toBe(1);
  await page.click('[data-testid="insert"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="templates-notice"]')?.textContent?.includes("マネジメントシート令和8"));
  expect(await page.evaluate(async () => (await (window as unknown as { wb: { readSnapshot(): Promise<{ sheets: { name: string }[] }> } }).wb.readSnapshot()).sheets.map((s) => s.name))).toEqual([
    "施策06",
    "メモ",
    "マネジメントシート令和8",
  ]);
  expect(await cell("マネジメントシート令和8", "A1")).toBe("施策・事務事業マネジメントシート【令和8年度】");

  await page.evaluate(() => ((window as unknown as { sel: unknown }).sel = { sheet: "施策06", cell: "C1" }));
  await page.click('[data-testid="template-indicator-table"]');
  await page.click('[data-testid="mode-selection"]');
  await page.click('[data-testid="insert"]');
  await page.waitForSelector('[data-testid="templates-error"]');
  expect(await page.locator('[data-testid="templates-error"]').innerText()).toContain("結合セル D2:F3 が挿入範囲にかかっているため挿入できません");
  expect(await cell("施策06", "C2")).toBeNull();
  expect(pageErrors).toEqual([]);
}, 120000);

/**
 * The production build served from a sub-path, as a municipality hosts it
 * (https://addins.example.lg.jp/plansheet/taskpane.html): the real taskpane.html on the project's fake
 * Excel, in Debian's Chromium, at http://127.0.0.1:PORT/plansheet/. The pane must render (its four tab
 * labels), every script, lazily loaded chunk and asset must come from under /plansheet/ with no 404,
 * and the files the manifest names (icons, support page, task pane), rebased on the sub-path, must
 * all be served.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page, Response } from "playwright-core";
import { t } from "../../src/messages";
import { ensureBuild } from "./build";
import { launch, screenshot, watch, type Browser, type PageWatch } from "./browser";
import { OFFICE_JS_DIR, serve, type TestServer } from "./server";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_BASE, manifestUrls } = require("../../scripts/manifest.js") as {
  DEV_BASE: string;
  manifestUrls: (xml: string) => string[];
};

const SUB = "plansheet";
let server: TestServer;
let browser: Browser;
let page: Page;
let seen: PageWatch;
let webDir: string;
let parent: string;
const responses: { url: string; status: number }[] = [];
const failed: string[] = [];

beforeAll(async () => {
  webDir = await ensureBuild();
  // The build folder appears as /plansheet/ of the server's root.
  parent = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-subpath-"));
  fs.symlinkSync(webDir, path.join(parent, SUB), "dir");
  server = await serve(parent);
  browser = await launch();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  page.setDefaultTimeout(20_000);
  seen = await watch(page, server.origin, OFFICE_JS_DIR);
  // The fake Excel API in place of Office.js from the CDN (as openTaskpaneInFakeExcel does).
  await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", (r) =>
    r.fulfill({ path: path.join(webDir, "test-only/fake-office.js"), contentType: "text/javascript" }),
  );
  page.on("response", (r: Response) => {
    if (r.url().startsWith(server.origin)) responses.push({ url: r.url(), status: r.status() });
  });
  page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${server.origin}/${SUB}/taskpane.html`);
  await page.getByTestId("run-check").waitFor();
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (parent) fs.rmSync(parent, { recursive: true, force: true });
});

const local = (url: string) => new URL(url).pathname;

test("the pane renders from /plansheet/taskpane.html with its tabs", async () => {
  for (const [id, key] of [
    ["check", "pane.tab.check"],
    ["fill", "pane.tab.fill"],
    ["templates", "pane.tab.templates"],
    ["compare", "pane.tab.compare"],
  ] as const) {
    const tab = page.getByTestId(`tab-${id}`);
    await expect(tab.isVisible()).resolves.toBe(true);
    await expect(tab.textContent()).resolves.toContain(t("ja", key));
  }
  await screenshot(page, "subpath-taskpane.png");
});

test("the lazily loaded chunks load from the sub-path too; nothing is missing", async () => {
  const before = new Set(responses.filter((r) => r.url.endsWith(".js")).map((r) => r.url));
  for (const id of ["templates", "compare"]) {
    await page.getByTestId(`tab-${id}`).click();
    await expect(page.getByTestId(`tab-${id}`).getAttribute("aria-selected")).resolves.toBe("true");
  }
  // Some chunk was fetched on demand (the tabs' code is not in the first scripts).
  const fetched = () => responses.filter((r) => r.url.endsWith(".js") && !before.has(r.url)).length;
  for (let i = 0; i < 150 && fetched() === 0; i++) await page.waitForTimeout(100);
  expect(fetched()).toBeGreaterThan(0);
  await page.waitForLoadState("networkidle");

  const scripts = responses.filter((r) => r.url.endsWith(".js")).map((r) => local(r.url));
  expect(scripts.length).toBeGreaterThan(1);
  // Every script, chunk and asset from under /plansheet/ (Office.js comes from the CDN route).
  for (const r of responses) expect([local(r.url), local(r.url).startsWith(`/${SUB}/`)]).toEqual([local(r.url), true]);
  // No 404 (or any error status), no failed request, no error in the page, no CSP violation.
  expect(responses.filter((r) => r.status >= 400)).toEqual([]);
  expect(failed).toEqual([]);
  expect(seen.errors).toEqual([]);
  await expect(seen.csp()).resolves.toEqual([]);
  // Hashed names for everything the pane loads (long caching is safe; docs/deploy.md).
  for (const s of scripts) expect(s).toMatch(new RegExp(`^/${SUB}/[\\w-]+\\.[0-9a-f]{8}\\.js$`));
});

test("every file the manifest names is served under the sub-path", async () => {
  const xml = fs.readFileSync(path.join(webDir, "manifest.xml"), "utf8");
  const urls = [...new Set(manifestUrls(xml))];
  expect(urls.length).toBeGreaterThanOrEqual(6);
  for (const u of urls) {
    expect(u.startsWith(DEV_BASE)).toBe(true);
    const rebased = `${server.origin}/${SUB}/${u.slice(DEV_BASE.length)}`;
    const r = await page.request.get(rebased);
    expect([rebased, r.status()]).toEqual([rebased, 200]);
    const type = r.headers()["content-type"] ?? "";
    if (u.endsWith(".png")) expect(type).toBe("image/png");
    if (u.endsWith(".html")) expect(type).toMatch(/^text\/html/);
  }
  // The support page (the manifest's default SupportUrl) is a real page with its images.
  const support = await browser.context.newPage();
  const bad: string[] = [];
  support.on("response", (r) => r.status() >= 400 && bad.push(`${r.status()} ${r.url()}`));
  await support.goto(`${server.origin}/${SUB}/support.html`);
  await expect(support.locator("h1").textContent()).resolves.toContain("計画シート支援");
  await expect(support.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBe(32);
  expect(bad).toEqual([]);
  await support.close();
});

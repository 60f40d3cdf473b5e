/** Debian's Chromium driven by playwright-core, with a fresh profile. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "./build";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const ARTIFACTS = path.join(ROOT, "test-artifacts");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with ` +
        "`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does), " +
        "or set CHROMIUM_PATH.",
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-chromium-"));
  // launchPersistentContext passes the fresh profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
    locale: "ja-JP",
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageWatch {
  /** CSP violations reported by the page. */
  csp: () => Promise<string[]>;
  /** console.error messages and uncaught errors. */
  errors: string[];
  /** Requests to anything but the test server (and what was routed). */
  external: string[];
}

/**
 * Watch a page for CSP violations, errors and requests leaving the test server. Requests to the
 * Office CDN are answered from node_modules (the tests run offline); every other outside request is
 * refused and recorded.
 */
export async function watch(page: Page, origin: string, officeJsDir: string): Promise<PageWatch> {
  const errors: string[] = [];
  const external: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === "blob:" || url.protocol === "data:") return route.continue();
    external.push(url.href);
    const cdn = "/lib/1/hosted/";
    if (url.origin === "https://appsforoffice.microsoft.com" && url.pathname.startsWith(cdn)) {
      const file = path.join(officeJsDir, url.pathname.slice(cdn.length));
      if (fs.existsSync(file)) return route.fulfill({ path: file, contentType: "text/javascript" });
    }
    return route.abort();
  });
  return {
    csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.slice()),
    errors,
    external,
  };
}

/**
 * CSS transitions still running (a radio's colour, an accordion opening) would be caught mid-way by a
 * screenshot or by axe's colour-contrast rule: wait for the finite ones to end (at most 2 s; spinners
 * run forever).
 */
export async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await transitionsDone(page);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * axe-core (served from node_modules by the test server, so the page's CSP allows it). Tabster's
 * dummy focus elements (`<i data-tabster-dummy aria-hidden tabindex=0>`, Fluent's focus management
 * around tab lists: focusing one moves focus on at once) are left out: axe flags them as
 * aria-hidden-focus although no one can rest on them.
 */
export async function axe(page: Page): Promise<AxeResult["violations"]> {
  await transitionsDone(page);
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.addScriptTag({ url: "/axe.min.js" });
  const r = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> } }).axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] }),
  )) as AxeResult;
  return r.violations;
}

/**
 * The real taskpane.html as Excel shows it: at the width of Excel's task pane, with the project's
 * fake Excel API served in place of Office.js from the CDN; resolves when the pane is ready.
 */
export async function openTaskpaneInFakeExcel(
  browser: Browser,
  origin: string,
  webDir: string,
  officeJsDir: string,
  opts: { width?: number; height?: number; lang?: "ja" | "en" } = {},
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: opts.width ?? 380, height: opts.height ?? 900 });
  page.setDefaultTimeout(15_000);
  const w = await watch(page, origin, officeJsDir);
  await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", (r) =>
    r.fulfill({ path: path.join(webDir, "test-only/fake-office.js"), contentType: "text/javascript" }),
  );
  await page.goto(`${origin}/taskpane.html${opts.lang ? `?lang=${opts.lang}` : ""}`);
  await page.getByTestId("run-check").waitFor();
  return { page, watch: w };
}

/**
 * Show a tab of the pane: its tab when it fits the pane's width, else through the tabs' overflow
 * menu (「その他」), as a user of a narrow pane does.
 */
export async function openTab(page: Page, id: "check" | "fill" | "templates" | "compare"): Promise<void> {
  // The selected tab is always shown; the others are measured against the pane's width first.
  await page.locator('[data-testid=tabs] [role=tab][aria-selected="true"]').waitFor();
  const tab = page.getByTestId(`tab-${id}`);
  const item = page.getByTestId(`tab-menu-${id}`);
  for (let i = 0; ; i++) {
    if (await tab.isVisible()) {
      await tab.click();
      break;
    }
    const more = page.getByTestId("tabs-more");
    if (await more.isVisible()) {
      await more.click();
      try {
        await item.waitFor({ timeout: 3000 });
        await item.click();
        break;
      } catch (e) {
        if (i >= 5) throw e;
        await page.keyboard.press("Escape");
      }
    }
    if (i >= 5) throw new Error(`tab ${id} neither shown nor in the overflow menu`);
    await page.waitForTimeout(200);
  }
  await page.locator(`#ps-panel-${id}:not([hidden])`).waitFor();
}

/** Nothing scrolls sideways: the page is no wider than the window. */
export async function sideScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** Elements (by selector) whose box leaves the window sideways or whose text is cut off: their texts. */
export async function clipped(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((e) => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false; // not shown (another tab)
        return r.left < -0.5 || r.right > window.innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1;
      })
      .map((e) => (e.textContent ?? "").slice(0, 80)),
  );
}

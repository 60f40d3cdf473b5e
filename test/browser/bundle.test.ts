/**
 * The built pages: the task pane's first scripts (those its page loads) stay under budget and hold no
 * .xlsx library — the .xlsx reader is only in the chunks the 前年度比較 tab fetches when opened; no
 * page has a code-from-string path (eval, Function constructor); each page's CSP names exactly its
 * origins.
 */
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { ensureBuild, pageScripts, ROOT } from "./build";

/**
 * 180 KiB (was 240, 250): the first scripts measure about 172 KiB with 推移・達成率, テンプレート, 前年度比較,
 * the tabs' overflow menu, the 確認済み controls and the open-data CSV code as chunks fetched on
 * demand, and also the engine with zod and the schemas of the stored settings and acknowledgements
 * (fetched as the pane starts, awaited by the first check), the Office.js adapter (fetched on the
 * pane's first call into the workbook) and the English messages (fetched before English is shown):
 * the first scripts carry the Japanese messages only.
 */
const BUDGET = 180 * 1024;
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** Strings only an .xlsx library carries: exceljs/JSZip names, pako's and fflate's inflate messages, our zip and XML code. */
const XLSX_MARKERS = ["exceljs", "ExcelJS", "JSZip", "incorrect header check", "invalid distance too far back", "invalid block type", "unexpected EOF", "[Content_Types].xml", "XML declaration not at the start"];

let dir: string;
beforeAll(async () => {
  dir = await ensureBuild();
}, 15 * 60_000);

function cspOf(html: string): string {
  const m = /<meta http-equiv=["']?Content-Security-Policy["']? content="([^"]+)"/i.exec(html);
  if (!m) throw new Error("no CSP meta");
  return m[1];
}

/** The script-src directive (scripts: no inline, no eval; Fluent's run-time styles need inline styles). */
function scriptSrc(csp: string): string {
  return csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

/** Scripts of the build that no page loads by itself: chunks fetched on demand (import()). */
function lazyScripts(dir: string): string[] {
  const initial = new Set([...pageScripts(dir, "taskpane.html"), ...pageScripts(dir, "preview.html")].map((f) => path.resolve(f)));
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => path.resolve(dir, f))
    .filter((f) => !initial.has(f));
}

test("the task pane's first scripts are at most 180 KiB gzip", () => {
  const scripts = pageScripts(dir, "taskpane.html");
  expect(scripts.length).toBeGreaterThan(0);
  let total = 0;
  for (const f of scripts) {
    const raw = fs.statSync(f).size;
    const gz = gzipSync(fs.readFileSync(f), { level: 9 }).length;
    total += gz;
    console.log(`${path.basename(f)}: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip`);
  }
  console.log(`taskpane total: ${(total / 1024).toFixed(1)} KiB gzip (budget ${BUDGET / 1024} KiB)`);
  for (const f of lazyScripts(dir)) {
    console.log(`on demand: ${path.basename(f)}: ${(gzipSync(fs.readFileSync(f), { level: 9 }).length / 1024).toFixed(1)} KiB gzip`);
  }
  expect(total).toBeLessThanOrEqual(BUDGET);
});

test("the .xlsx reader (for last year's workbook) is only in chunks the task pane fetches on demand", () => {
  const paneScripts = pageScripts(dir, "taskpane.html");
  const pane = paneScripts.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const lazy = lazyScripts(dir);
  expect(lazy.length).toBeGreaterThan(0);
  const lazyText = lazy.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  // The reader's ZIP/inflate code is there (so the pane can read an .xlsx file), and not in the first scripts.
  expect(XLSX_MARKERS.filter((m) => lazyText.includes(m)).length).toBeGreaterThanOrEqual(2);
  expect(XLSX_MARKERS.filter((m) => pane.includes(m))).toEqual([]);
  // Every on-demand chunk is one the task pane's runtime knows how to fetch (its content hash is in
  // the pane's scripts), so the compare tab works in Excel, not only in the preview page.
  for (const f of lazy) {
    const hash = /\.([0-9a-f]{8})\.js$/.exec(path.basename(f))?.[1];
    expect({ f: path.basename(f), hash: hash ?? null, known: !!hash && pane.includes(hash) }).toEqual({ f: path.basename(f), hash, known: true });
  }
  expect(lazy.some((f) => path.basename(f).startsWith("compare."))).toBe(true);
});

test("the task pane holds no .xlsx library; the preview page does (the markers work)", () => {
  const pane = pageScripts(dir, "taskpane.html").map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const preview = pageScripts(dir, "preview.html").map((f) => fs.readFileSync(f, "utf8")).join("\n");
  for (const m of XLSX_MARKERS) expect({ marker: m, inPane: pane.includes(m) }).toEqual({ marker: m, inPane: false });
  // The same markers find the .xlsx code in the preview bundle, so their absence above means something.
  expect(XLSX_MARKERS.filter((m) => preview.includes(m)).length).toBeGreaterThanOrEqual(2);
});

test("no emitted script evaluates strings (eval, Function constructor)", () => {
  const js = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
  expect(js.length).toBeGreaterThanOrEqual(2);
  for (const f of js) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    expect({ f, eval: /(^|[^.\w$])eval\(/.test(src) }).toEqual({ f, eval: false });
    expect({ f, newFunction: /new\s+Function\b/.test(src) }).toEqual({ f, newFunction: false });
    expect({ f, callFunction: /(^|[^.\w$])Function\(\s*["'`]/.test(src) }).toEqual({ f, callFunction: false });
    expect({ f, inlineMap: src.includes("sourceMappingURL=data:") }).toEqual({ f, inlineMap: false });
  }
});

test("webpack's devtool is never eval-based", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, "webpack.config.js"));
  for (const mode of ["development", "production"]) {
    const c = config({}, { mode });
    expect({ mode, devtool: String(c.devtool) }).not.toEqual({ mode, devtool: expect.stringContaining("eval") });
  }
});

test("each page's CSP names exactly the origins it loads from", () => {
  const pane = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
  const preview = fs.readFileSync(path.join(dir, "preview.html"), "utf8");
  const paneCsp = cspOf(pane);
  expect(paneCsp).toContain(`script-src 'self' ${OFFICE_CDN};`);
  expect(paneCsp).toContain("default-src 'self'");
  expect(scriptSrc(paneCsp)).not.toMatch(/unsafe-(eval|inline)|\*|data:|blob:/);
  expect(paneCsp).not.toContain("unsafe-eval");
  // The only outside URL of the page is Office.js on the CDN.
  const urls = [...pane.matchAll(/(?:src|href)=["']?(https?:[^"' >]+)/g)].map((m) => m[1]);
  expect(urls).toEqual([`${OFFICE_CDN}/lib/1/hosted/office.js`]);
  // Every origin named in the CSP is 'self' or the CDN.
  expect([...paneCsp.matchAll(/https?:\/\/[^\s;]+/g)].map((m) => m[0])).toEqual([OFFICE_CDN]);

  const previewCsp = cspOf(preview);
  expect(previewCsp).not.toMatch(/https?:/);
  expect(scriptSrc(previewCsp)).toBe("script-src 'self'");
  expect(previewCsp).not.toContain("unsafe-eval");
  expect(preview).not.toMatch(/(?:src|href)=["']?https?:/);
});

test("the pane's sources render no HTML strings", () => {
  const files: string[] = [];
  const walk = (p: string) => {
    for (const n of fs.readdirSync(p)) {
      const f = path.join(p, n);
      if (fs.statSync(f).isDirectory()) walk(f);
      else if (/\.(ts|tsx)$/.test(n)) files.push(f);
    }
  };
  walk(path.join(ROOT, "src/taskpane"));
  walk(path.join(ROOT, "src/preview"));
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    expect({ f, found: /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/.test(src) }).toEqual({
      f,
      found: false,
    });
  }
});

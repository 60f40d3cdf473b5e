/**
 * The production manifest (`PLANSHEET_URL=https://host/path/ npm run build` → dist/web/manifest.xml),
 * made here by the same code the build uses (scripts/manifest.js, through scripts/build-manifest.js
 * as a user runs it): every URL under the base, the version from package.json, a SupportUrl, the
 * ribbon label the guide names, the ExcelApi set the code needs; bad URLs refused with the reason
 * (exit 2); without PLANSHEET_URL the development URL is used and the output says so; the result and
 * `npm run validate` pass xmllint against the schemas copied into the repository.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require("../../scripts/manifest.js") as {
  BUTTON_LABEL: { ja: string; en: string };
  DEV_BASE: string;
  EXCEL_API_MIN: string;
  manifestUrls: (xml: string) => string[];
  manifestVersion: (v: string, build?: number) => string;
  parseBaseUrl: (raw: string) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { text } = require("../../scripts/texts.js") as { text: (key: string, p?: Record<string, string>) => { ja: string; en: string } };

const BASE = "https://addins.example.lg.jp/plansheet/";
const pkgVersion: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
const haveXmllint = !spawnSync("xmllint", ["--version"]).error;
const schemaTest = haveXmllint ? test : test.skip;
if (!haveXmllint) console.warn("production manifest schema validation skipped: xmllint is not installed (apt-get install libxml2-utils)");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-manifest-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs a script of scripts/ as a user would, with only the given PLANSHEET_* variables set. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PLANSHEET_")));
  const r = spawnSync(process.execPath, [path.join(root, "scripts", script), ...args], {
    cwd: root,
    env: { ...clean, ...env },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function build(env: Record<string, string>, name = "manifest.xml") {
  const out = path.join(tmp, name);
  const r = run("build-manifest.js", ["--out", out], env);
  return { ...r, out, xml: r.status === 0 ? fs.readFileSync(out, "utf8") : "" };
}

const attr = (xml: string, tag: string) => new RegExp(`<${tag}\\s+DefaultValue="([^"]*)"`).exec(xml)?.[1];

describe("the production manifest for PLANSHEET_URL", () => {
  const made = build({ PLANSHEET_URL: BASE });

  test("every URL in it is under the base: pages, icons, ribbon images, task pane, SupportUrl", () => {
    expect(made.status).toBe(0);
    const urls = manifest.manifestUrls(made.xml);
    expect(urls.sort()).toEqual(
      [
        "assets/icon-16.png",
        "assets/icon-32.png",
        "assets/icon-32.png",
        "assets/icon-64.png",
        "assets/icon-80.png",
        "support.html",
        "taskpane.html",
        "taskpane.html",
      ].map((p) => BASE + p),
    );
    expect(attr(made.xml, "SourceLocation")).toBe(`${BASE}taskpane.html`);
    expect(attr(made.xml, "SupportUrl")).toBe(`${BASE}support.html`);
    expect(made.xml).not.toContain("localhost");
    // No AppDomains: nothing navigates outside the base (Office.js is a script, not a page).
    expect(made.xml).not.toMatch(/<AppDomain/);
    expect(made.stdout).toContain(text("url.wrote", { file: made.out, url: BASE, version: `${pkgVersion}.0`, support: `${BASE}support.html` }).ja);
    expect(made.stderr).toBe("");
  });

  test("its version is package.json's, as four numbers; PLANSHEET_BUILD sets the fourth", () => {
    expect(/<Version>([^<]+)<\/Version>/.exec(made.xml)?.[1]).toBe(`${pkgVersion}.0`);
    const b = build({ PLANSHEET_URL: BASE, PLANSHEET_BUILD: "7" }, "b7.xml");
    expect(/<Version>([^<]+)<\/Version>/.exec(b.xml)?.[1]).toBe(`${pkgVersion}.7`);
    expect(manifest.manifestVersion("1.2.3")).toBe("1.2.3.0");
    expect(manifest.manifestVersion("2.0.10-rc.1", 4)).toBe("2.0.10.4");
    const bad = build({ PLANSHEET_URL: BASE, PLANSHEET_BUILD: "x" }, "bx.xml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(text("url.badBuild", { name: "PLANSHEET_BUILD", value: "x" }).ja);
  });

  test("Japanese name and description with en-US overrides; the ribbon button is the label users are told to click", () => {
    expect(made.xml).toMatch(/<DefaultLocale>ja-JP<\/DefaultLocale>/);
    expect(made.xml).toMatch(/<DisplayName DefaultValue="計画シート支援 \(PlanSheet\)">\s*<Override Locale="en-US" Value="PlanSheet[^"]*"\/>/);
    expect(made.xml).toMatch(/<Description DefaultValue="[^"]*達成率[^"]*">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
    const label = /<bt:String id="PlanSheet.Button.Label" DefaultValue="([^"]+)">\s*<bt:Override Locale="en-US" Value="([^"]+)"/.exec(made.xml);
    expect([label?.[1], label?.[2]]).toEqual([manifest.BUTTON_LABEL.ja, manifest.BUTTON_LABEL.en]);
    // The guide and npm start name that button on the Home tab.
    const guide = fs.readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
    expect(guide).toContain(`[ホーム] タブの [${manifest.BUTTON_LABEL.ja}]`);
    expect(text("start.web3", { label: manifest.BUTTON_LABEL.ja, labelEn: manifest.BUTTON_LABEL.en }).ja).toContain(`[ホーム] タブの [${manifest.BUTTON_LABEL.ja}]`);
    expect(made.xml).toContain('<OfficeTab id="TabHome">');
  });

  test("it requires the ExcelApi set the adapter needs, and not the feature-detected newer ones", () => {
    const sets = [...made.xml.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(sets).toEqual([["ExcelApi", "1.4"]]);
    expect(manifest.EXCEL_API_MIN).toBe("1.4");
    // The adapter calls the 1.4 APIs unconditionally and checks for the newer ones first.
    const adapter = fs.readFileSync(path.join(root, "src/workbook/office/adapter.ts"), "utf8");
    expect(adapter).toMatch(/getUsedRangeOrNullObject\(/);
    expect(adapter).toMatch(/getItemOrNullObject\(/);
    expect(adapter).toMatch(/this\.supports\("1\.20"\)/);
    expect(made.xml).not.toContain('MinVersion="1.20"');
  });

  test("PLANSHEET_SUPPORT_URL sets the SupportUrl (the only URL allowed elsewhere)", () => {
    const s = build({ PLANSHEET_URL: BASE, PLANSHEET_SUPPORT_URL: "https://www.city.example.lg.jp/helpdesk?a=1&b=2" }, "support.xml");
    expect(s.status).toBe(0);
    expect(attr(s.xml, "SupportUrl")).toBe("https://www.city.example.lg.jp/helpdesk?a=1&amp;b=2");
    const bad = build({ PLANSHEET_URL: BASE, PLANSHEET_SUPPORT_URL: "http://www.city.example.lg.jp/" }, "support-bad.xml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(text("url.badSupport", { name: "PLANSHEET_SUPPORT_URL", value: "http://www.city.example.lg.jp/" }).ja);
  });

  test("a base with a port or a Japanese folder name works (encoded)", () => {
    const p = build({ PLANSHEET_URL: "https://intra.example.lg.jp:8443/アドイン/計画/" }, "jp.xml");
    expect(p.status).toBe(0);
    expect(attr(p.xml, "SourceLocation")).toBe("https://intra.example.lg.jp:8443/%E3%82%A2%E3%83%89%E3%82%A4%E3%83%B3/%E8%A8%88%E7%94%BB/taskpane.html");
  });

  schemaTest("it is valid against the Office schemas (xmllint, offline), and so is a Japanese-path one", () => {
    for (const f of [made.out, path.join(tmp, "jp.xml"), path.join(tmp, "support.xml")]) {
      const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", path.join(root, "scripts/schemas/office-manifest/OfficeAppManifestV1_1.xsd"), f], {
        encoding: "utf8",
      });
      expect([f, r.status, r.stderr.trim()]).toEqual([f, 0, `${f} validates`]);
    }
  });
});

describe("a bad PLANSHEET_URL is refused before anything is built", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["http://addins.example.lg.jp/plansheet/", "url.notHttps", {}],
    ["https://addins.example.lg.jp/plansheet", "url.trailingSlash", { suggestion: "https://addins.example.lg.jp/plansheet/" }],
    ["https://addins.example.lg.jp/plan sheet/", "url.spaces", {}],
    ["https://addins.example.lg.jp/plansheet/\u3000", "url.spaces", {}],
    ["https://addins.example.lg.jp/plansheet/?v=1", "url.queryFragment", {}],
    ["https://addins.example.lg.jp/plansheet/#top", "url.queryFragment", {}],
    ["addins.example.lg.jp/plansheet/", "url.unreadable", {}],
    ["https://user:pw@addins.example.lg.jp/plansheet/", "url.credentials", {}],
    ["", "url.empty", {}],
  ];
  test.each(cases)("%j → %s, exit 2, nothing written", (value, key, extra) => {
    const out = path.join(tmp, `refused-${key}.xml`);
    const r = run("build-manifest.js", ["--out", out], { PLANSHEET_URL: value });
    expect(r.status).toBe(2);
    const message = text(key, { name: "PLANSHEET_URL", value, ...extra });
    expect(r.stderr).toContain(message.ja);
    expect(r.stderr).toContain(message.en);
    expect(r.stderr).toContain(text("url.refused").ja);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(fs.existsSync(out)).toBe(false);
    // --check (what npm run build runs first) refuses it the same way
    const c = run("build-manifest.js", ["--check"], { PLANSHEET_URL: value });
    expect([c.status, c.stderr]).toEqual([2, r.stderr]);
    expect(() => manifest.parseBaseUrl(value)).toThrow(message.ja);
  });

  test("the same check stops webpack (npm run build) with the message and exit 2", () => {
    const r = spawnSync(process.execPath, ["-e", 'require("./webpack.config.js")({}, { mode: "production" })'], {
      cwd: root,
      env: { ...process.env, PLANSHEET_URL: "http://x.example/" },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(text("url.notHttps", { name: "PLANSHEET_URL", value: "http://x.example/" }).ja);
  });
});

describe("without PLANSHEET_URL", () => {
  test("the development URL is used and the output says so (never silently)", () => {
    const d = build({}, "dev.xml");
    expect(d.status).toBe(0);
    expect(attr(d.xml, "SourceLocation")).toBe(`${manifest.DEV_BASE}taskpane.html`);
    expect(d.stderr).toContain(text("url.devUsed", { url: manifest.DEV_BASE }).ja);
    expect(d.stderr).toContain("https://localhost:3000/");
    expect(d.stderr).toContain("PLANSHEET_URL=");
  });
});

describe("npm run validate", () => {
  schemaTest("passes for manifest.xml and a built production manifest, names what it checked", () => {
    const r = run("validate-manifest.js", [path.join(root, "manifest.xml"), path.join(tmp, "manifest.xml")]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(text("validate.ok", { file: "manifest.xml", count: "8", base: manifest.DEV_BASE }).ja);
    expect(r.stdout).toContain(text("validate.ok", { file: path.join(tmp, "manifest.xml"), count: "8", base: BASE }).ja);
    expect(r.stdout).toContain(text("validate.passed").ja);
  });

  schemaTest("fails (exit 1) on a manifest that is not valid or points outside its base, saying which", () => {
    const good = fs.readFileSync(path.join(tmp, "manifest.xml"), "utf8");
    const bad = path.join(tmp, "bad.xml");
    fs.writeFileSync(bad, good.replace(/<Id>[^<]*<\/Id>/, "").replace(`${BASE}assets/icon-80.png`, "https://cdn.example.com/icon-80.png"));
    const r = run("validate-manifest.js", [bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(text("validate.schemaFail", { file: bad }).ja);
    expect(r.stderr).toContain(text("validate.urlOutside", { file: bad, url: "https://cdn.example.com/icon-80.png", base: BASE }).ja);
    expect(r.stdout).toContain(text("validate.failed").ja);
  });

  test("without xmllint it says so plainly and exits 2", () => {
    const r = spawnSync(process.execPath, [path.join(root, "scripts/validate-manifest.js")], {
      cwd: root,
      env: { ...process.env, XMLLINT: path.join(tmp, "no-such-xmllint") },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(text("validate.noXmllint").ja);
    expect(r.stderr).toContain("libxml2-utils");
  });
});

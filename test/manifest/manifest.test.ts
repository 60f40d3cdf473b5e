/**
 * The development manifest (manifest.xml, for npm start): a structural check of our own
 * (office-addin-manifest validate needs a remote service), and an offline schema validation with
 * xmllint against Microsoft's published schemas copied into scripts/schemas/office-manifest/. Only a
 * machine without xmllint skips the schema part (and says so); .ci/run installs it.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");
const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const schemaDir = path.join(root, "scripts", "schemas", "office-manifest");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_BASE, renderManifest } = require("../../scripts/manifest.js") as {
  DEV_BASE: string;
  renderManifest: (o: { base: string; version: string; development?: boolean }) => string;
};

/** The text of the first <tag>…</tag> (namespace prefixes allowed). */
function element(tag: string, src = xml): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${tag}>`).exec(src);
  return m?.[1];
}

/** Attributes of every <tag …> (self-closing or not). */
function tags(tag: string, src = xml): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}(\\s[^>]*?)?/?>`, "g");
  for (const m of src.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
const source = tags("SourceLocation", withoutComments)[0]?.DefaultValue;

describe("manifest.xml structure", () => {
  test("a task-pane add-in for Excel, with a fixed GUID and ja-JP first", () => {
    expect(tags("OfficeApp")[0]["xsi:type"]).toBe("TaskPaneApp");
    expect(element("Id")?.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(element("Version")?.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(element("DefaultLocale")?.trim()).toBe("ja-JP");
    const hosts = element("Hosts") ?? "";
    expect(tags("Host", hosts).map((h) => h.Name)).toEqual(["Workbook"]);
    expect(tags("DisplayName")[0].DefaultValue).toBe("計画シート支援 (PlanSheet)");
    const display = element("DisplayName") ?? "";
    expect(tags("Override", display)).toEqual([{ Locale: "en-US", Value: expect.stringContaining("PlanSheet") }]);
    expect(tags("Override", element("Description") ?? "").map((o) => o.Locale)).toEqual(["en-US"]);
  });

  test("asks only for the permission it uses", () => {
    expect(element("Permissions")?.trim()).toBe("ReadWriteDocument");
    expect(tags("AppDomain")).toEqual([]);
  });

  test("every URL is https on the task pane's origin", () => {
    expect(source).toBe("https://localhost:3000/taskpane.html");
    const origin = new URL(source!).origin;
    const urls = [...withoutComments.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"/gi)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const u of urls) {
      const url = new URL(u);
      expect([u, url.protocol]).toEqual([u, "https:"]);
      expect([u, url.origin]).toEqual([u, origin]);
    }
    // no plain-http or other-origin link anywhere, including outside attributes
    expect(withoutComments).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
  });

  test("a Home-tab button opens the task pane; every resid resolves", () => {
    const ribbon = element("VersionOverrides") ?? "";
    expect(tags("OfficeTab", ribbon).map((t) => t.id)).toEqual(["TabHome"]);
    expect(tags("Control", ribbon)).toEqual([{ "xsi:type": "Button", id: "PlanSheet.ShowTaskpane" }]);
    expect(tags("Action", ribbon).map((a) => a["xsi:type"])).toEqual(["ShowTaskpane"]);
    const resources = element("Resources", ribbon) ?? "";
    const ids = new Set([...resources.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const resids = [...ribbon.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(resids.length).toBeGreaterThan(5);
    for (const r of resids) expect([r, ids.has(r)]).toEqual([r, true]);
    expect(tags("Url", resources)[0].DefaultValue).toBe(source);
  });

  test("every icon it names exists in assets/ as a PNG of the size it claims", () => {
    const images = [
      ...tags("IconUrl").map((t) => ({ url: t.DefaultValue, size: 32 })),
      ...tags("HighResolutionIconUrl").map((t) => ({ url: t.DefaultValue, size: 64 })),
      ...tags("Image", element("Resources") ?? "").map((t) => ({ url: t.DefaultValue, size: Number(/icon-(\d+)/.exec(t.DefaultValue)?.[1]) })),
    ];
    expect(images.length).toBe(5);
    // the ribbon needs 16, 32 and 80 px images
    const ribbonSizes = tags("Image", element("Icon", element("Control") ?? "") ?? "").map((t) => t.size);
    expect(ribbonSizes).toEqual(["16", "32", "80"]);
    for (const { url, size } of images) {
      const rel = new URL(url).pathname.replace(/^\//, "");
      expect(rel).toMatch(/^assets\/icon-\d+\.png$/);
      const file = path.join(root, rel);
      expect([rel, fs.existsSync(file)]).toEqual([rel, true]);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });
});

test("manifest.xml is what scripts/manifest.js makes for the development URL (node scripts/build-manifest.js --dev)", () => {
  const version = /<Version>([^<]+)<\/Version>/.exec(xml)![1];
  expect(xml).toBe(renderManifest({ base: DEV_BASE, version, development: true }));
  expect(tags("SupportUrl")[0].DefaultValue).toBe(`${DEV_BASE}support.html`);
});

const haveXmllint = !spawnSync("xmllint", ["--version"]).error;
const schemaTest = haveXmllint ? test : test.skip;
if (!haveXmllint) {
  console.warn("manifest schema validation skipped: xmllint is not installed (apt-get install libxml2-utils; .ci/run does)");
}

describe("manifest.xml against the published XML schemas (offline)", () => {
  test("the schemas are in the repository (no network, no folder outside it)", () => {
    for (const f of ["OfficeAppManifestV1_1.xsd", "OfficeAppBasicTypesV1_0.xsd", "TaskPaneAppVersionOverridesV1_0.xsd", "MailAppVersionOverridesV1_0.xsd", "MailAppVersionOverridesV1_1.xsd", "LICENSE-CODE"]) {
      expect([f, fs.existsSync(path.join(schemaDir, f))]).toEqual([f, true]);
    }
  });

  schemaTest("xmllint --schema OfficeAppManifestV1_1.xsd accepts it", () => {
    const out = execFileSync(
      "xmllint",
      ["--noout", "--nonet", "--schema", path.join(schemaDir, "OfficeAppManifestV1_1.xsd"), path.join(root, "manifest.xml")],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out).toBe("");
  });

  schemaTest("and refuses a manifest without its Id (the validation can fail)", () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "manifest-")), "manifest.xml");
    fs.writeFileSync(tmp, xml.replace(/<Id>[^<]*<\/Id>/, ""));
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", path.join(schemaDir, "OfficeAppManifestV1_1.xsd"), tmp], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/fails to validate/);
  });
});

/**
 * The add-in manifest (add-in-only XML manifest, schema 1.1 + VersionOverrides 1.0), made for one
 * base URL: every URL in it (SourceLocation, icons, the ribbon's images and task-pane URL,
 * SupportUrl by default) is under that base. Used by
 *  - webpack.config.js (npm run build): dist/web/manifest.xml for PLANSHEET_URL, or for the
 *    development URL with a notice when it is not set;
 *  - scripts/build-manifest.js: the same from the command line, and the repository's development
 *    manifest.xml (`node scripts/build-manifest.js --dev`);
 *  - the tests (test/manifest/).
 *
 * Environment:
 *   PLANSHEET_URL          https://host/path/ the pages are served from (must end in /)
 *   PLANSHEET_SUPPORT_URL  the manifest's SupportUrl (default: <base>support.html, a page shipped in dist/web)
 *   PLANSHEET_BUILD        the 4th number of the manifest's version (default 0; the first three are package.json's)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { text } = require("./texts");

const ROOT = path.resolve(__dirname, "..");
/** What `npm start` serves (scripts/start.js, port 3000). */
const DEV_BASE = "https://localhost:3000/";
/** The add-in's fixed identity: never change it (Office and the admin centre know the add-in by it). */
const ADDIN_ID = "321e6b14-730f-4b27-bb79-72c1c9c6e3d0";
/** The ribbon button (Home tab) the guide and `npm start` tell users to click. */
const BUTTON_LABEL = { ja: "計画シート支援", en: "PlanSheet" };
const DISPLAY_NAME = { ja: "計画シート支援 (PlanSheet)", en: "PlanSheet (planning sheet assistant)" };
const DESCRIPTION = {
  ja: "総合計画・評価シートをチェックし、指標の推移（◎ ○ ▼ ⇒ －）と達成率を記入し、定型の表を挿入します。",
  en: "Checks municipal planning and evaluation workbooks, fills in trend marks and achievement rates, and inserts standard templates.",
};
const TOOLTIP = {
  ja: "チェック・指標の推移と達成率の記入・テンプレートの挿入を行う作業ウィンドウを開きます。",
  en: "Opens the task pane to check the workbook, fill in trend marks and achievement rates, and insert templates.",
};
/**
 * The lowest ExcelApi set the pane needs (src/workbook/office/adapter.ts): getUsedRangeOrNullObject,
 * getItemOrNullObject (1.4). Newer sets are feature-detected at run time (workbook name 1.7, data
 * validation 1.8, cell properties 1.9, delayForCellEdit 1.11, merged areas 1.13, mergeUndoGroup 1.20)
 * and must not be required here: Excel versions without them still run the pane.
 */
const EXCEL_API_MIN = "1.4";

class ManifestSettingError extends Error {
  /** @param {{ja: string, en: string}} message */
  constructor(message) {
    super(`${message.ja}\n  ${message.en}`);
    this.ja = message.ja;
    this.en = message.en;
  }
}

/**
 * The base URL the pages are served from, checked: https, no spaces, no user/password, no query or
 * fragment, ending in "/". Returns the normalised URL; throws ManifestSettingError (Japanese + English).
 */
function parseBaseUrl(raw, name = "PLANSHEET_URL") {
  const value = raw === undefined || raw === null ? "" : String(raw);
  if (value === "") throw new ManifestSettingError(text("url.empty", { name }));
  if (/\s/.test(value)) throw new ManifestSettingError(text("url.spaces", { name, value }));
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ManifestSettingError(text("url.unreadable", { name, value }));
  }
  if (url.protocol !== "https:") throw new ManifestSettingError(text("url.notHttps", { name, value }));
  if (!url.hostname) throw new ManifestSettingError(text("url.unreadable", { name, value }));
  if (url.username || url.password) throw new ManifestSettingError(text("url.credentials", { name, value }));
  if (url.search || url.hash || /[?#]/.test(value)) throw new ManifestSettingError(text("url.queryFragment", { name, value }));
  if (!url.pathname.endsWith("/")) {
    throw new ManifestSettingError(text("url.trailingSlash", { name, value, suggestion: `${url.origin}${url.pathname}/` }));
  }
  return url.href;
}

/** The SupportUrl: any https URL without spaces (a query is allowed). */
function parseSupportUrl(raw, name = "PLANSHEET_SUPPORT_URL") {
  const value = String(raw);
  if (value === "" || /\s/.test(value)) throw new ManifestSettingError(text("url.badSupport", { name, value }));
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ManifestSettingError(text("url.badSupport", { name, value }));
  }
  if (url.protocol !== "https:" || url.username || url.password) throw new ManifestSettingError(text("url.badSupport", { name, value }));
  return url.href;
}

/** package.json's version "1.2.3" (a pre-release or build suffix dropped) → "1.2.3.<build>". */
function manifestVersion(pkgVersion, build = 0) {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?:[-+].*)?$/.exec(String(pkgVersion));
  if (!m || [m[1], m[2], m[3]].some((n) => Number(n) > 65535)) {
    throw new ManifestSettingError(text("url.badVersion", { value: pkgVersion }));
  }
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.${build}`;
}

function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
}

/**
 * The manifest's settings from the environment: { base, version, supportUrl, devUsed }.
 * devUsed: PLANSHEET_URL was not set and the development URL was used (the caller must say so).
 */
function settingsFromEnv(env = process.env) {
  const given = env.PLANSHEET_URL;
  const devUsed = given === undefined;
  const base = devUsed ? DEV_BASE : parseBaseUrl(given);
  const rawBuild = env.PLANSHEET_BUILD;
  let build = 0;
  if (rawBuild !== undefined && rawBuild !== "") {
    if (!/^\d{1,5}$/.test(rawBuild) || Number(rawBuild) > 65535) {
      throw new ManifestSettingError(text("url.badBuild", { name: "PLANSHEET_BUILD", value: rawBuild }));
    }
    build = Number(rawBuild);
  }
  const version = manifestVersion(packageVersion(), build);
  const supportUrl =
    env.PLANSHEET_SUPPORT_URL !== undefined && env.PLANSHEET_SUPPORT_URL !== ""
      ? parseSupportUrl(env.PLANSHEET_SUPPORT_URL)
      : defaultSupportUrl(base);
  return { base, version, supportUrl, devUsed };
}

/** The support page shipped with the pages (dist/web/support.html). */
function defaultSupportUrl(base) {
  return new URL("support.html", base).href;
}

function esc(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The manifest XML for { base, version, supportUrl? }. */
function renderManifest({ base, version, supportUrl, development = false }) {
  const at = (rel) => esc(new URL(rel, base).href);
  const support = esc(supportUrl || defaultSupportUrl(base));
  const header = development
    ? [
        "  PlanSheet (計画シート支援): the DEVELOPMENT manifest, for `npm start` (https://localhost:3000/).",
        "  Made by scripts/build-manifest.js (option dev); do not edit by hand: scripts/manifest.js is the source.",
        "  For a server, build one: PLANSHEET_URL=https://host/path/ npm run build -> dist/web/manifest.xml (docs/deploy.md).",
      ]
    : [
        `  PlanSheet (計画シート支援) ${version}: the manifest for the server in SourceLocation below.`,
        "  Made by `npm run build` (scripts/manifest.js); deploy it as described in docs/deploy.md.",
      ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<!--
${header.join("\n")}
  Add-in-only XML manifest (schema 1.1 + VersionOverrides 1.0). Permission: ReadWriteDocument (reads
  the workbook, writes marks/rates/templates, saves settings). Requires ExcelApi ${EXCEL_API_MIN}.
-->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
           xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${esc(version)}</Version>
  <ProviderName>PlanSheet</ProviderName>
  <DefaultLocale>ja-JP</DefaultLocale>
  <DisplayName DefaultValue="${esc(DISPLAY_NAME.ja)}">
    <Override Locale="en-US" Value="${esc(DISPLAY_NAME.en)}"/>
  </DisplayName>
  <Description DefaultValue="${esc(DESCRIPTION.ja)}">
    <Override Locale="en-US" Value="${esc(DESCRIPTION.en)}"/>
  </Description>
  <IconUrl DefaultValue="${at("assets/icon-32.png")}"/>
  <HighResolutionIconUrl DefaultValue="${at("assets/icon-64.png")}"/>
  <SupportUrl DefaultValue="${support}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="${EXCEL_API_MIN}"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${at("taskpane.html")}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="PlanSheet.Group">
                <Label resid="PlanSheet.Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="PlanSheet.Icon.16"/>
                  <bt:Image size="32" resid="PlanSheet.Icon.32"/>
                  <bt:Image size="80" resid="PlanSheet.Icon.80"/>
                </Icon>
                <Control xsi:type="Button" id="PlanSheet.ShowTaskpane">
                  <Label resid="PlanSheet.Button.Label"/>
                  <Supertip>
                    <Title resid="PlanSheet.Button.Label"/>
                    <Description resid="PlanSheet.Button.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="PlanSheet.Icon.16"/>
                    <bt:Image size="32" resid="PlanSheet.Icon.32"/>
                    <bt:Image size="80" resid="PlanSheet.Icon.80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>PlanSheet.Taskpane</TaskpaneId>
                    <SourceLocation resid="PlanSheet.Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="PlanSheet.Icon.16" DefaultValue="${at("assets/icon-16.png")}"/>
        <bt:Image id="PlanSheet.Icon.32" DefaultValue="${at("assets/icon-32.png")}"/>
        <bt:Image id="PlanSheet.Icon.80" DefaultValue="${at("assets/icon-80.png")}"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="PlanSheet.Taskpane.Url" DefaultValue="${at("taskpane.html")}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="PlanSheet.Group.Label" DefaultValue="${esc(BUTTON_LABEL.ja)}">
          <bt:Override Locale="en-US" Value="${esc(BUTTON_LABEL.en)}"/>
        </bt:String>
        <bt:String id="PlanSheet.Button.Label" DefaultValue="${esc(BUTTON_LABEL.ja)}">
          <bt:Override Locale="en-US" Value="${esc(BUTTON_LABEL.en)}"/>
        </bt:String>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="PlanSheet.Button.Tooltip" DefaultValue="${esc(TOOLTIP.ja)}">
          <bt:Override Locale="en-US" Value="${esc(TOOLTIP.en)}"/>
        </bt:String>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

/** Every URL in a manifest's attributes (DefaultValue / Value), comments left out. */
function manifestUrls(xml) {
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  return [...body.matchAll(/\s(?:DefaultValue|Value)="([a-z][a-z0-9+.-]*:\/\/[^"]*)"/gi)].map((m) =>
    m[1].replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">"),
  );
}

module.exports = {
  ADDIN_ID,
  BUTTON_LABEL,
  DEV_BASE,
  DISPLAY_NAME,
  EXCEL_API_MIN,
  ManifestSettingError,
  defaultSupportUrl,
  manifestUrls,
  manifestVersion,
  packageVersion,
  parseBaseUrl,
  parseSupportUrl,
  renderManifest,
  settingsFromEnv,
};

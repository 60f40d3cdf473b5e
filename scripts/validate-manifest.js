#!/usr/bin/env node
/**
 * npm run validate: the add-in manifests against Microsoft's published XML schemas, offline
 * (xmllint --nonet, schemas in scripts/schemas/office-manifest/), and every URL in them https and
 * under the task pane's folder (SupportUrl may point elsewhere, e.g. a help desk page, but must be https).
 *
 *   node scripts/validate-manifest.js [FILE...]
 *
 * Without FILEs: manifest.xml (development) and, when it has been built, dist/web/manifest.xml.
 * Exit 0 all valid, 1 a manifest is not valid, 2 xmllint is missing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { manifestUrls } = require("./manifest");
const { say } = require("./texts");

const ROOT = path.resolve(__dirname, "..");

/** A file as the user knows it: relative to the current folder when inside it. */
function shownPath(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
const SCHEMA = path.join(__dirname, "schemas", "office-manifest", "OfficeAppManifestV1_1.xsd");
const XMLLINT = process.env.XMLLINT || "xmllint";

function haveXmllint() {
  const r = spawnSync(XMLLINT, ["--version"], { encoding: "utf8" });
  return !r.error;
}

/** Problems of one manifest: [] when it is valid. Each problem is a printable (bilingual) text. */
function check(file) {
  const shown = shownPath(file);
  if (!fs.existsSync(file)) return { problems: [say("validate.missing", { file: shown })] };
  const problems = [];
  const r = spawnSync(XMLLINT, ["--noout", "--nonet", "--schema", SCHEMA, file], { encoding: "utf8" });
  if (r.status !== 0) {
    const details = (r.stderr || "")
      .split("\n")
      .filter((l) => l && !/ validates$/.test(l))
      .map((l) => `      ${l}`);
    problems.push([say("validate.schemaFail", { file: shown }), ...details].join("\n"));
  }
  const xml = fs.readFileSync(file, "utf8");
  const source = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml.replace(/<!--[\s\S]*?-->/g, ""))?.[1];
  const support = /<SupportUrl\s+DefaultValue="([^"]+)"/.exec(xml)?.[1]?.replace(/&amp;/g, "&");
  let base = "";
  try {
    base = new URL(".", source).href;
  } catch {
    // no SourceLocation: the schema check above reports it
  }
  const urls = manifestUrls(xml);
  for (const u of urls) {
    if (!/^https:\/\//i.test(u)) problems.push(say("validate.notHttps", { file: shown, url: u }));
    else if (base && u !== support && !u.startsWith(base)) problems.push(say("validate.urlOutside", { file: shown, url: u, base }));
  }
  return { problems, base, count: urls.length, shown };
}

function main(argv) {
  if (!haveXmllint()) {
    console.error(say("validate.noXmllint"));
    return 2;
  }
  let files = argv.filter((a) => !a.startsWith("--")).map((f) => path.resolve(f));
  const built = path.join(ROOT, "dist", "web", "manifest.xml");
  if (!files.length) {
    files = [path.join(ROOT, "manifest.xml")];
    if (fs.existsSync(built)) files.push(built);
    else console.log(say("validate.notBuilt", { file: shownPath(built) }));
  }
  let failed = false;
  for (const f of files) {
    const { problems, base, count, shown } = check(f);
    if (problems.length) {
      failed = true;
      for (const p of problems) console.error(p);
    } else {
      console.log(say("validate.ok", { file: shown, count, base }));
    }
  }
  console.log(say(failed ? "validate.failed" : "validate.passed"));
  return failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { check, haveXmllint, SCHEMA };

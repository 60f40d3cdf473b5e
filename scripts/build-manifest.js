#!/usr/bin/env node
/**
 * The add-in manifest from the command line (scripts/manifest.js makes it).
 *
 *   node scripts/build-manifest.js --check       check PLANSHEET_URL / PLANSHEET_SUPPORT_URL / PLANSHEET_BUILD
 *                                                (npm run build runs this first: a bad URL stops the build
 *                                                before anything is compiled; exit 2 with the reason)
 *   node scripts/build-manifest.js --out FILE    write the manifest for PLANSHEET_URL to FILE
 *   node scripts/build-manifest.js --dev         rewrite the repository's development manifest.xml
 *                                                (https://localhost:3000/, for npm start)
 *
 * `npm run build` itself writes dist/web/manifest.xml (webpack.config.js, same code).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { DEV_BASE, ManifestSettingError, renderManifest, settingsFromEnv } = require("./manifest");
const { say } = require("./texts");

const ROOT = path.resolve(__dirname, "..");

/** A file as the user knows it: relative to the current folder when inside it. */
function shownPath(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function main(argv) {
  const outArg = argv.indexOf("--out");
  if (argv.includes("--dev")) {
    const { version } = settingsFromEnv({});
    const file = path.join(ROOT, "manifest.xml");
    fs.writeFileSync(file, renderManifest({ base: DEV_BASE, version, development: true }));
    console.log(say("url.wrote", { file: shownPath(file), url: DEV_BASE, version, support: new URL("support.html", DEV_BASE).href }));
    return 0;
  }
  const settings = settingsFromEnv(process.env);
  if (argv.includes("--check")) return 0;
  const file = path.resolve(outArg >= 0 ? argv[outArg + 1] : path.join(ROOT, "dist/web/manifest.xml"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderManifest(settings));
  console.log(say("url.wrote", { file: shownPath(file), url: settings.base, version: settings.version, support: settings.supportUrl }));
  if (settings.devUsed) console.warn(say("url.devUsed", { url: DEV_BASE }));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ManifestSettingError) {
    console.error(`${e.message}\n${say("url.refused")}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}

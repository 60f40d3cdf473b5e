#!/usr/bin/env node
/**
 * npm start: build the pages in development mode and serve them over https on localhost:3000
 * (webpack-dev-server 5), so Excel can load the task pane from manifest.xml.
 *
 * Certificates: office-addin-dev-certs on Windows/macOS when its CA can be trusted; otherwise (always
 * on Linux, where trusting it needs sudo) a self-signed certificate made with openssl into .certs/
 * (SAN localhost, 127.0.0.1), and the output says plainly why and what that means for the browser.
 * Every text is in scripts/texts.js; the sideload steps name today's Excel menus and the ribbon
 * button's label from the manifest (scripts/manifest.js).
 * Where desktop Excel can exist (Windows, macOS) and office-addin-debugging is installed, it is asked
 * to sideload manifest.xml; on Linux the server just runs and prints how to sideload into Excel on
 * the web.
 *
 *   npm start [-- --port 3000] [-- --no-sideload]
 */
"use strict";
const path = require("path");
const fs = require("fs");
const { execFileSync, spawn } = require("child_process");
const { BUTTON_LABEL } = require("./manifest");
const { say } = require("./texts");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT || 3000);
const noSideload = args.includes("--no-sideload");

/** Prints a text of scripts/texts.js (Japanese, then English). */
function log(key, params, stream = console.log) {
  stream(say(key, params));
}

function isInstalled(name) {
  try {
    require.resolve(`${name}/package.json`, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/** Self-signed certificate for localhost in .certs/ (reused while it is valid for another day). */
function selfSignedCertificate() {
  const dir = path.join(root, ".certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  fs.mkdirSync(dir, { recursive: true });
  let valid = false;
  if (fs.existsSync(key) && fs.existsSync(cert)) {
    try {
      execFileSync("openssl", ["x509", "-checkend", "86400", "-noout", "-in", cert], { stdio: "ignore" });
      valid = true;
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    execFileSync(
      "openssl",
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "365",
        "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key, "-out", cert,
      ],
      { stdio: "ignore" },
    );
    log("start.madeCert", { file: path.relative(root, cert) });
  }
  return { options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, file: cert, selfSigned: true };
}

/**
 * office-addin-dev-certs' certificate, its own console output held back (it prints raw shell errors
 * such as "sudo: not found"); null, after saying plainly why, when it cannot be used.
 */
async function devCertificate() {
  if (process.platform !== "win32" && process.platform !== "darwin") {
    // Linux: installing its CA needs sudo and browsers there may not use the system store anyway.
    log("start.devCertsLinux");
    return null;
  }
  if (!isInstalled("office-addin-dev-certs")) return null;
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const held = [];
  for (const k of Object.keys(saved)) console[k] = (...a) => held.push(a.join(" "));
  try {
    const devCerts = require(require.resolve("office-addin-dev-certs", { paths: [root] }));
    const options = await devCerts.getHttpsServerOptions();
    return { options, file: null, selfSigned: false };
  } catch (e) {
    Object.assign(console, saved);
    const all = `${e && e.message ? e.message : e}\n${held.join("\n")}`;
    if (/sudo|administrator|access is denied|permission|EACCES|EPERM|elevat/i.test(all)) log("start.devCertsNoAdmin");
    else log("start.devCertsFailed", { reason: String((e && e.message) || e).split("\n")[0].slice(0, 200) });
    return null;
  } finally {
    Object.assign(console, saved);
  }
}

async function httpsOptions() {
  const dev = await devCertificate();
  if (dev) return dev;
  try {
    return selfSignedCertificate();
  } catch (e) {
    log("start.noCertTool", { reason: e && e.message ? e.message : e }, console.error);
    process.exit(2);
  }
}

function printHelp(tls) {
  const base = `https://localhost:${port}`;
  const manifest = path.join(root, "manifest.xml");
  console.log("");
  log("start.serving", { url: `${base}/taskpane.html` });
  console.log("");
  if (tls.selfSigned) {
    log("start.selfSignedWhat");
    console.log("");
  }
  log("start.webHeading");
  if (tls.selfSigned) {
    log("start.web0", { url: `${base}/taskpane.html` });
    log("start.web0b", { file: path.relative(root, tls.file) });
  }
  log("start.web1");
  log("start.web2", { manifest });
  log("start.web3", { label: BUTTON_LABEL.ja, labelEn: BUTTON_LABEL.en });
  console.log("");
  log("start.winHeading");
  log("start.win", { manifest });
  console.log("");
  log("start.preview", { url: `${base}/preview.html` });
  log("start.stop");
  console.log("");
}

function sideloadDesktop() {
  if (noSideload) return;
  if (process.platform !== "win32" && process.platform !== "darwin") return;
  if (!isInstalled("office-addin-debugging")) {
    log("start.noDebugging");
    return;
  }
  log("start.sideloading");
  const child = spawn(
    "npx",
    ["office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel", "--no-debug", "--dev-server-port", String(port)],
    { cwd: root, stdio: "inherit", shell: process.platform === "win32" },
  );
  child.on("exit", (code) => {
    if (code) log("start.sideloadFailed", { code });
  });
}

async function main() {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const config = require(path.join(root, "webpack.config.js"))({}, { mode: "development" });
  const tls = await httpsOptions();
  const compiler = webpack(config);
  const server = new WebpackDevServer(
    { ...config.devServer, port, host: "localhost", server: { type: "https", options: tls.options } },
    compiler,
  );
  compiler.hooks.done.tap("plansheet-start", (stats) => {
    if (stats.hasErrors()) log("start.buildFailed");
  });
  await server.start();
  printHelp(tls);
  sideloadDesktop();
  const stop = () => {
    server.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  if (e && e.code === "EADDRINUSE") log("start.portInUse", { port }, console.error);
  else log("start.couldNotStart", { reason: e && e.stack ? e.stack : e }, console.error);
  process.exit(1);
});

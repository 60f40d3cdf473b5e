#!/usr/bin/env node
/**
 * npm start: build the pages in development mode and serve them over https on localhost:3000
 * (webpack-dev-server 5), so Excel can load the task pane from manifest.xml.
 *
 * Certificates: office-addin-dev-certs when it is installed and its CA is trusted; otherwise a
 * self-signed certificate made with openssl into .certs/ (SAN localhost, 127.0.0.1).
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

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT || 3000);
const noSideload = args.includes("--no-sideload");

function log(ja, en) {
  console.log(ja);
  if (en) console.log(`  ${en}`);
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
    log(`自己署名証明書を作成しました: ${path.relative(root, cert)}`, `Made a self-signed certificate: ${path.relative(root, cert)}`);
  }
  return { options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, file: cert, selfSigned: true };
}

async function httpsOptions() {
  if (isInstalled("office-addin-dev-certs")) {
    try {
      const devCerts = require(require.resolve("office-addin-dev-certs", { paths: [root] }));
      const options = await devCerts.getHttpsServerOptions();
      return { options, file: null, selfSigned: false };
    } catch (e) {
      log(
        `office-addin-dev-certs の証明書を使えません（${e && e.message ? e.message : e}）。自己署名証明書を使います。`,
        `office-addin-dev-certs could not provide a certificate (${e && e.message ? e.message : e}); using a self-signed one.`,
      );
    }
  }
  try {
    return selfSignedCertificate();
  } catch (e) {
    console.error(
      `証明書を作成できません（openssl が必要です）: ${e && e.message ? e.message : e}\n` +
        `  Cannot make a certificate (openssl is needed): ${e && e.message ? e.message : e}`,
    );
    process.exit(2);
  }
}

function printHelp(tls) {
  const base = `https://localhost:${port}`;
  console.log("");
  log(`PlanSheet の作業ウィンドウを ${base}/taskpane.html で配信しています。`, `Serving the PlanSheet task pane at ${base}/taskpane.html.`);
  console.log("");
  log("■ Excel on the web に読み込む（サイドロード）手順", "■ To sideload it into Excel on the web");
  if (tls.selfSigned) {
    log(
      `  0. ブラウザーで ${base}/taskpane.html を一度開き、証明書の警告で「詳細設定」→「localhost にアクセスする」を選ぶ`,
      `  0. Open ${base}/taskpane.html once in the browser and accept the certificate warning`,
    );
    log(
      `     （または ${path.relative(root, tls.file)} を OS／ブラウザーの信頼されたルート証明書に登録する）`,
      `     (or add ${path.relative(root, tls.file)} to the trusted root certificates of your OS/browser)`,
    );
  }
  log("  1. Excel on the web でブックを開く", "  1. Open a workbook in Excel on the web");
  log(
    "  2. [挿入] → [アドイン] → [マイ アドイン] → [マイ アドインのアップロード] で manifest.xml を選んで [アップロード]",
    "  2. Insert → Add-ins → My Add-ins → Upload My Add-in, choose manifest.xml, then Upload",
  );
  log("  3. [ホーム] タブの「PlanSheet」ボタンで作業ウィンドウを開く", "  3. Open the pane with the PlanSheet button on the Home tab");
  console.log("");
  log(`■ Excel なしで試す（プレビュー）: ${base}/preview.html`, `■ Try it without Excel (preview): ${base}/preview.html`);
  log("停止するには Ctrl+C を押してください。", "Press Ctrl+C to stop.");
  console.log("");
}

function sideloadDesktop() {
  if (noSideload) return;
  if (process.platform !== "win32" && process.platform !== "darwin") return;
  if (!isInstalled("office-addin-debugging")) {
    log(
      "office-addin-debugging が入っていないため、デスクトップ版 Excel への自動サイドロードは行いません。",
      "office-addin-debugging is not installed: no automatic sideload into desktop Excel.",
    );
    return;
  }
  log("デスクトップ版 Excel にサイドロードします…", "Sideloading into desktop Excel…");
  const child = spawn(
    "npx",
    ["office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel", "--no-debug", "--dev-server-port", String(port)],
    { cwd: root, stdio: "inherit", shell: process.platform === "win32" },
  );
  child.on("exit", (code) => {
    if (code) log(`サイドロードに失敗しました（終了コード ${code}）。上の手順で手動で読み込んでください。`, `Sideloading failed (exit ${code}); sideload by hand as above.`);
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
    if (stats.hasErrors()) log("ビルドに失敗しました（上のエラーを確認してください）。", "The build failed (see the errors above).");
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
  console.error(`起動できませんでした / Could not start: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});

/**
 * Every text the build and start scripts (scripts/*.js, plain Node: they run before anything is
 * compiled and cannot import src/messages.ts) show to a user, Japanese first, then English.
 * `say(key, params)` gives both lines; the scripts print Japanese and the English line under it.
 */
"use strict";

/** key → [Japanese, English]; {name} is replaced by params.name. */
const TEXTS = {
  // --- PLANSHEET_URL / the production manifest (scripts/manifest.js, build-manifest.js, webpack) ---
  "url.devUsed":
    [
      "注意: PLANSHEET_URL が指定されていないため、manifest.xml は開発用の URL {url} で作りました。" +
        "この manifest.xml は配布できません（利用者の PC の localhost を指します）。配布用には配信先を指定して" +
        "ビルドしてください（例: PLANSHEET_URL=https://addins.example.lg.jp/plansheet/ npm run build）。",
      "Note: PLANSHEET_URL is not set, so manifest.xml was made for the development URL {url}. It cannot be " +
        "deployed (it points at each user's own localhost). Build with the server's address, e.g. " +
        "PLANSHEET_URL=https://addins.example.lg.jp/plansheet/ npm run build.",
    ],
  "url.wrote": [
    "manifest.xml を書き出しました: {file}（配信先 {url}、バージョン {version}、サポート URL {support}）",
    "Wrote manifest.xml: {file} (served from {url}, version {version}, support URL {support})",
  ],
  "url.refused": ["ビルドを中止しました。", "The build was stopped."],
  "url.empty": [
    "{name} が空です。配信先の URL を https://サーバー名/パス/ の形で指定してください（例: https://addins.example.lg.jp/plansheet/）。",
    "{name} is empty: give the address the pages are served from, as https://host/path/ (e.g. https://addins.example.lg.jp/plansheet/).",
  ],
  "url.spaces": [
    "{name} に空白が含まれています（指定値: 「{value}」）。URL には空白を入れられません。前後の空白や全角スペースを消してください。",
    "{name} contains a space (given: \"{value}\"). A URL cannot contain spaces: remove them.",
  ],
  "url.unreadable": [
    "{name} を URL として読めません（指定値: {value}）。https://サーバー名/パス/ の形で指定してください（例: https://addins.example.lg.jp/plansheet/）。",
    "{name} is not a URL (given: {value}). Write it as https://host/path/ (e.g. https://addins.example.lg.jp/plansheet/).",
  ],
  "url.notHttps": [
    "{name} は https:// で始めてください（指定値: {value}）。Office は https で配信されるアドインしか読み込みません。",
    "{name} must start with https:// (given: {value}): Office loads add-ins over https only.",
  ],
  "url.credentials": [
    "{name} にユーザー名やパスワードを含めないでください（指定値: {value}）。",
    "{name} must not contain a user name or password (given: {value}).",
  ],
  "url.queryFragment": [
    "{name} に ? や # を含めないでください（指定値: {value}）。ページを置くフォルダーの URL だけを指定します。",
    "{name} must not contain ? or # (given: {value}): give only the address of the folder the pages are in.",
  ],
  "url.trailingSlash": [
    "{name} はフォルダーの URL として / で終えてください（指定値: {value} → {suggestion} ではありませんか）。",
    "{name} must be a folder address ending in / (given: {value}; did you mean {suggestion}?).",
  ],
  "url.badSupport": [
    "{name} は https:// で始まる URL にしてください（指定値: {value}）。",
    "{name} must be an https:// URL (given: {value}).",
  ],
  "url.badBuild": [
    "{name} は 0〜65535 の整数にしてください（指定値: {value}）。",
    "{name} must be a whole number from 0 to 65535 (given: {value}).",
  ],
  "url.badVersion": [
    "package.json の version「{value}」から manifest のバージョン（数字 4 つ）を作れません。1.2.3 の形にしてください。",
    "Cannot make the manifest's version (four numbers) from package.json's version \"{value}\": use the form 1.2.3.",
  ],

  // --- npm run validate (scripts/validate-manifest.js) ---
  "validate.noXmllint": [
    "xmllint が見つからないため、manifest をスキーマで検証できません。Debian / Ubuntu では「apt-get install libxml2-utils」で入ります" +
      "（Windows では WSL か、libxml2 の xmllint.exe を PATH に置いてください）。",
    "xmllint was not found, so the manifests cannot be checked against the schemas. On Debian / Ubuntu: " +
      "apt-get install libxml2-utils (on Windows: use WSL, or put libxml2's xmllint.exe on the PATH).",
  ],
  "validate.ok": ["OK  {file}: Office のスキーマに適合しています（URL {count} 個、すべて {base} の下）", "OK  {file}: valid against the Office schemas ({count} URLs, all under {base})"],
  "validate.schemaFail": ["NG  {file}: Office のスキーマに適合しません:", "NG  {file}: not valid against the Office schemas:"],
  "validate.missing": ["NG  {file}: ファイルがありません。", "NG  {file}: no such file."],
  "validate.urlOutside": [
    "NG  {file}: {url} が配信先 {base} の下にありません。",
    "NG  {file}: {url} is not under the add-in's address {base}.",
  ],
  "validate.notHttps": ["NG  {file}: {url} が https ではありません。", "NG  {file}: {url} is not https."],
  "validate.notBuilt": [
    "（{file} はまだありません。npm run build で作られます。開発用の manifest.xml だけを検証しました。）",
    "({file} does not exist yet; npm run build makes it. Only the development manifest.xml was checked.)",
  ],
  "validate.failed": ["manifest の検証に失敗しました。", "Manifest validation failed."],
  "validate.passed": ["manifest の検証に成功しました。", "The manifests are valid."],

  // --- npm start (scripts/start.js) ---
  "start.madeCert": ["自己署名証明書を作成しました: {file}", "Made a self-signed certificate: {file}"],
  "start.noCertTool": [
    "証明書を作成できません（openssl が必要です）: {reason}",
    "Cannot make a certificate (openssl is needed): {reason}",
  ],
  "start.devCertsLinux": [
    "開発用証明書（office-addin-dev-certs）は Linux では OS に信頼させられません（管理者権限で OS の証明書ストアに登録する必要があり、" +
      "ブラウザーもその登録を使わないことがあります）。代わりに自己署名証明書を使います。",
    "The Office development certificate (office-addin-dev-certs) cannot be made trusted on Linux (it must be added to the " +
      "system's certificate store with administrator rights, and browsers may not use that store). Using a self-signed certificate instead.",
  ],
  "start.devCertsNoAdmin": [
    "開発用証明書（office-addin-dev-certs）を信頼済みとして登録できませんでした。登録には管理者権限が必要ですが、この環境では使えません" +
      "（sudo がない、または管理者として実行されていません）。代わりに自己署名証明書を使います。",
    "The Office development certificate (office-addin-dev-certs) could not be registered as trusted: that needs administrator " +
      "rights, which are not available here (no sudo, or not run as administrator). Using a self-signed certificate instead.",
  ],
  "start.devCertsFailed": [
    "開発用証明書（office-addin-dev-certs）を使えませんでした（{reason}）。代わりに自己署名証明書を使います。",
    "The Office development certificate (office-addin-dev-certs) could not be used ({reason}). Using a self-signed certificate instead.",
  ],
  "start.selfSignedWhat": [
    "自己署名証明書とは: この PC 自身が発行した証明書で、認証局の保証がありません。そのためブラウザーは最初に" +
      "「この接続ではプライバシーが保護されません」などの警告を出します。自分の PC の localhost で動かしている限り問題はありませんが、" +
      "Excel on the web は警告が出るページを作業ウィンドウに表示できないので、下の手順 0 で先に信頼してください。",
    "A self-signed certificate is issued by this PC itself and vouched for by no certificate authority, so the browser first " +
      "warns (\"Your connection is not private\"). That is harmless for localhost on your own PC, but Excel on the web cannot show " +
      "a page with such a warning in the task pane: trust it first (step 0 below).",
  ],
  "start.serving": ["PlanSheet の作業ウィンドウを {url} で配信しています。", "Serving the PlanSheet task pane at {url}."],
  "start.webHeading": ["■ Excel on the web に読み込む（サイドロード）手順", "■ To sideload it into Excel on the web"],
  "start.web0": [
    "  0. ブラウザーで {url} を一度開き、証明書の警告で [詳細設定] → [localhost にアクセスする（安全ではありません）] を選ぶ",
    "  0. Open {url} once in the browser; at the certificate warning choose Advanced → Proceed to localhost (unsafe)",
  ],
  "start.web0b": [
    "     （または {file} を OS／ブラウザーの「信頼されたルート証明機関」に登録する）",
    "     (or add {file} to the trusted root certification authorities of your OS/browser)",
  ],
  "start.web1": ["  1. Excel on the web でブックを開く", "  1. Open a workbook in Excel on the web"],
  "start.web2": [
    "  2. [ホーム] → [アドイン] → [その他の設定] → [マイ アドインのアップロード] で {manifest} を選んで [アップロード]",
    "  2. Home → Add-ins → More Settings → Upload My Add-in, choose {manifest}, then Upload",
  ],
  "start.web3": [
    "  3. [ホーム] タブの [{label}] ボタン（英語表示の Excel では [{labelEn}]）で作業ウィンドウを開く",
    "  3. Open the pane with the [{labelEn}] button on the Home tab ([{label}] in Japanese Excel)",
  ],
  "start.winHeading": ["■ Excel for Windows では", "■ In Excel for Windows"],
  "start.win": [
    "  共有フォルダー カタログ（信頼できるアドイン カタログ）に {manifest} を置き、[ホーム] → [アドイン] → [詳細設定] → [共有フォルダー] から追加します（docs/deploy.md）",
    "  put {manifest} in a shared-folder catalogue (Trusted Add-in Catalogs) and add it from Home → Add-ins → Advanced → Shared Folder (docs/deploy.md)",
  ],
  "start.preview": ["■ Excel なしで試す（プレビュー）: {url}", "■ Try it without Excel (preview): {url}"],
  "start.stop": ["停止するには Ctrl+C を押してください。", "Press Ctrl+C to stop."],
  "start.noDebugging": [
    "office-addin-debugging が入っていないため、デスクトップ版 Excel への自動サイドロードは行いません。",
    "office-addin-debugging is not installed: no automatic sideload into desktop Excel.",
  ],
  "start.sideloading": ["デスクトップ版 Excel にサイドロードします…", "Sideloading into desktop Excel…"],
  "start.sideloadFailed": [
    "サイドロードに失敗しました（終了コード {code}）。上の手順で手動で読み込んでください。",
    "Sideloading failed (exit {code}); sideload by hand as above.",
  ],
  "start.buildFailed": ["ビルドに失敗しました（上のエラーを確認してください）。", "The build failed (see the errors above)."],
  "start.couldNotStart": ["起動できませんでした: {reason}", "Could not start: {reason}"],
  "start.portInUse": [
    "ポート {port} は他のプログラムが使っています。そのプログラムを止めるか、npm start -- --port 3001 のように別のポートを指定してください" +
      "（その場合 manifest.xml の URL も変える必要があります）。",
    "Port {port} is in use by another program: stop it, or choose another port (npm start -- --port 3001; then manifest.xml's URLs must change too).",
  ],
};

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (params && params[k] !== undefined ? String(params[k]) : m));
}

/** { ja, en } for `key`. */
function text(key, params) {
  const t = TEXTS[key];
  if (!t) throw new Error(`scripts/texts.js: no text "${key}"`);
  return { ja: fill(t[0], params), en: fill(t[1], params) };
}

/** Japanese line, then the English one indented under it. */
function say(key, params) {
  const t = text(key, params);
  return `${t.ja}\n  ${t.en}`;
}

module.exports = { TEXTS, text, say };

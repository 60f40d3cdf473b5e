/**
 * Two pages:
 *  - taskpane.html: the task pane Excel loads. Office.js from Microsoft's CDN (Office requires it);
 *    our scripts hold no .xlsx library (tested: test/browser/bundle.test.ts).
 *  - preview.html: the same pane over an .xlsx file in the browser (no Excel), for trying it and
 *    for the browser tests.
 * No eval in any mode (devtool is never eval-based); each page carries a Content-Security-Policy.
 *
 *  - support.html: the manifest's SupportUrl by default (a static page, no scripts).
 *  - manifest.xml (production only): the add-in manifest for PLANSHEET_URL (scripts/manifest.js), every
 *    URL under that base; without PLANSHEET_URL for the development URL, and the build says so.
 * Scripts, chunks and assets are loaded by relative paths (publicPath "auto"), so the pages work from
 * a sub-path (https://host/plansheet/taskpane.html) as well as from https://localhost:3000/.
 *
 *   [PLANSHEET_URL=https://host/path/] webpack --mode production [--env outputPath=DIR]
 */
const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_BASE, ManifestSettingError, renderManifest, settingsFromEnv } = require("./scripts/manifest");
const { say } = require("./scripts/texts");

const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** Content-Security-Policy of a page; `scripts` are the origins beside 'self' it loads scripts from. */
function csp(scripts) {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scripts].join(" ")}`,
    // Fluent UI (Griffel) inserts <style> elements at run time; a nonce in a static page would be
    // a constant, so inline styles are allowed. Scripts stay strict (no inline, no eval).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Copies assets/ (icons the manifest names) into the output. */
class CopyAssetsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyAssetsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const dir = path.resolve(__dirname, "assets");
          if (!fs.existsSync(dir)) return;
          for (const name of fs.readdirSync(dir)) {
            const file = path.join(dir, name);
            if (!fs.statSync(file).isFile()) continue;
            compilation.fileDependencies.add(file);
            compilation.emitAsset(`assets/${name}`, new compiler.webpack.sources.RawSource(fs.readFileSync(file)));
          }
        },
      );
    });
  }
}

/** Emits manifest.xml for the settings and says, once the build is done, what it was made for. */
class ManifestPlugin {
  constructor(settings) {
    this.settings = settings;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ManifestPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset("manifest.xml", new compiler.webpack.sources.RawSource(renderManifest(this.settings))),
      );
    });
    compiler.hooks.done.tap("ManifestPlugin", (stats) => {
      if (stats.hasErrors()) return;
      const file = path.join(compiler.options.output.path, "manifest.xml");
      const rel = path.relative(process.cwd(), file);
      const { base, version, supportUrl, devUsed } = this.settings;
      // Said last, after webpack's own report, where it is seen.
      if (this.told) return;
      this.told = true;
      process.once("exit", () => {
        console.log(say("url.wrote", { file: rel.startsWith("..") ? file : rel, url: base, version, support: supportUrl }));
        if (devUsed) console.warn(say("url.devUsed", { url: DEV_BASE }));
      });
    });
  }
}

/** The manifest settings from PLANSHEET_URL etc.; a bad value stops the build with its reason. */
function manifestSettings() {
  try {
    return settingsFromEnv(process.env);
  } catch (e) {
    if (!(e instanceof ManifestSettingError)) throw e;
    console.error(`${e.message}\n${say("url.refused")}`);
    process.exit(2);
  }
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const dev = mode === "development";
  const outputPath = env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, "dist/web");
  const manifest = dev ? null : manifestSettings();
  return {
    mode,
    // Never an eval-based devtool: the pages' CSP has no 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: outputPath,
      filename: "[name].[contenthash:8].js",
      // Lazily loaded chunks (import()) beside the pages, hashed like them; found relative to the
      // script that loads them, so a sub-path works.
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js"],
    },
    module: {
      rules: [
        {
          // zod 4's Function-constructor uses (never run: the pages set jitless), removed from the bundles.
          test: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/](util|doc)\.js$/,
          use: path.resolve(__dirname, "scripts/webpack-no-function-loader.js"),
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // The type check runs separately (npm run typecheck).
              transpileOnly: true,
              configFile: path.resolve(__dirname, "tsconfig.json"),
              compilerOptions: { module: "esnext", target: "es2020", noEmit: false, sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      // One language in the pages' first scripts: where src/messages.ts imports the English table, the
      // pages get a stand-in that fetches it as a chunk on demand (src/messages.en.web.ts).
      new webpack.NormalModuleReplacementPlugin(/^\.\/messages\.en$/, (resource) => {
        if (resource.contextInfo && resource.contextInfo.issuer === path.resolve(__dirname, "src/messages.ts")) {
          resource.request = "./messages.en.web";
        }
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        csp: csp([OFFICE_CDN]),
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
        csp: csp([]),
      }),
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./assets/pages/support.html",
        inject: false,
        chunks: [],
        minify: false,
        version: manifest ? manifest.version : "",
        csp: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      }),
      new CopyAssetsPlugin(),
      ...(manifest ? [new ManifestPlugin(manifest)] : []),
    ],
    performance: {
      hints: dev ? false : "warning",
      // The pane's budget is 250 KiB gzip (checked by test/browser/bundle.test.ts); raw size here.
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
    devServer: {
      port: 3000,
      host: "localhost",
      // No injected client (its websocket and HMR runtime are not needed and not in the CSP).
      hot: false,
      liveReload: false,
      client: false,
      webSocketServer: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: [
        // Office.js served locally for the preview host and tests (taskpane.html uses the CDN).
        { directory: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"), publicPath: "/office-js", watch: false },
      ],
      devMiddleware: { writeToDisk: false },
    },
  };
};

/**
 * The command line as one file: dist/src/cli/plansheet.bundle.js, made from tsc's output
 * (dist/src/cli/main.js and the modules it loads) by `npm run build:cli`, with a manifest of those
 * modules (plansheet.bundle.json) so that `plansheet` uses the bundle only while it matches them
 * (src/cli/entry.ts). Why: one file loads in less time than about 45 (see the README's benchmark).
 *
 * Node's own modules and the packages in node_modules stay outside (loaded by Node as usual). The
 * bundle is printed again by terser without comments and in ASCII only (other characters written as
 * \u escapes): nothing is renamed or rewritten, function names stay in stack traces, and a file of
 * ASCII is read and checked (src/cli/codecache.ts) in a third of the time (500 KB: 2.1 + 0.2 ms
 * against 4.2 + 1.4 ms for the 650 KB with comments and Japanese text).
 *
 * The bundle lies beside main.js and keeps Node's __dirname and __filename: src/cli/paths.ts makes
 * the paths of the modules loaded by file name (worker threads) from there.
 *
 *   webpack --config webpack.cli.config.js
 */
const path = require("path");
const fs = require("fs");
const { Compilation, sources } = require("webpack");
const terser = require("terser");

const DIST = path.join(__dirname, "dist");
const CLI = path.join(DIST, "src", "cli");

/** Writes the manifest: every module of ours in the bundle, with its size and modification time. */
class BundleManifestPlugin {
  apply(compiler) {
    compiler.hooks.done.tap("BundleManifestPlugin", (stats) => {
      if (stats.hasErrors()) return;
      const files = new Set();
      for (const m of stats.compilation.modules) {
        const file = m.resource;
        if (file && file.startsWith(DIST + path.sep)) files.add(file);
      }
      const modules = [...files].sort().map((file) => {
        const st = fs.statSync(file);
        return { file: path.relative(DIST, file), size: st.size, mtimeMs: st.mtimeMs };
      });
      fs.writeFileSync(path.join(CLI, "plansheet.bundle.json"), JSON.stringify({ modules }, null, 2) + "\n");
    });
  }
}

/** Comments out, ASCII only; no compression, no renaming. */
class AsciiPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AsciiPlugin", (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: "AsciiPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, async (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith(".js")) continue;
          const out = await terser.minify(assets[name].source().toString(), { compress: false, mangle: false, format: { ascii_only: true, comments: false } });
          compilation.updateAsset(name, new sources.RawSource(out.code));
        }
      });
    });
  }
}

module.exports = {
  mode: "production",
  target: "node20",
  context: DIST,
  entry: { "plansheet.bundle": path.join(CLI, "main.js") },
  output: { path: CLI, filename: "[name].js", library: { type: "commonjs2" } },
  devtool: false,
  optimization: { minimize: false, concatenateModules: false },
  node: { __dirname: false, __filename: false, global: false },
  // packages (zod, fflate) and Node's modules are loaded by Node
  externals: [({ request }, callback) => (/^[.\/]/.test(request) ? callback() : callback(null, `commonjs ${request}`))],
  stats: "errors-warnings",
  plugins: [new AsciiPlugin(), new BundleManifestPlugin()],
};

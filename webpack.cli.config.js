/**
 * The command line as one file: dist/src/cli/plansheet.bundle.js, made from tsc's output
 * (dist/src/cli/main.js and the modules it loads) by `npm run build:cli`, with a manifest of those
 * modules (plansheet.bundle.json) so that `plansheet` uses the bundle only while it matches them
 * (src/cli/entry.ts). Why: one file loads in less time than about 45 (see the README's benchmark).
 *
 * Node's own modules and the packages in node_modules stay outside (loaded by Node as usual); nothing
 * is minified (function names stay in stack traces). The bundle lies beside main.js and keeps Node's
 * __dirname and __filename: src/cli/paths.ts makes the paths of the modules loaded by file name
 * (worker threads) from there.
 *
 *   webpack --config webpack.cli.config.js
 */
const path = require("path");
const fs = require("fs");

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
  plugins: [new BundleManifestPlugin()],
};

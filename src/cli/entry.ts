/**
 * Which file `plansheet` starts from: the bundle of the command line (dist/src/cli/plansheet.bundle.js,
 * made by `npm run build:cli` with webpack.cli.config.js) while it is as new as the modules it was made
 * from, else dist/src/cli/main.js. One file loads faster than about 45 (paired runs of `check`, 10 and
 * 120 workbooks: 10–18 ms less a run; see the README's benchmark notes).
 *
 * The bundle's manifest lists each module it holds with its size and modification time; when any of
 * them differs (the modules were built again, e.g. by `tsc` alone), the bundle is not used.
 */
import * as fs from "fs";
import * as path from "path";

export const BUNDLE = "plansheet.bundle.js";
export const BUNDLE_MANIFEST = "plansheet.bundle.json";

export interface BundleManifest {
  /** The modules in the bundle: path relative to dist/, size in bytes, modification time (ms). */
  modules: { file: string; size: number; mtimeMs: number }[];
}

/** The file to load: the bundle when it is there and current, else main.js. */
export function cliEntry(dist: string): string {
  const cli = path.join(dist, "src", "cli");
  if (process.env.PLANSHEET_BUNDLE !== "0" && bundleIsCurrent(dist)) return path.join(cli, BUNDLE);
  return path.join(cli, "main.js");
}

export function bundleIsCurrent(dist: string): boolean {
  const cli = path.join(dist, "src", "cli");
  let manifest: BundleManifest;
  try {
    if (!fs.existsSync(path.join(cli, BUNDLE))) return false;
    manifest = JSON.parse(fs.readFileSync(path.join(cli, BUNDLE_MANIFEST), "utf8")) as BundleManifest;
  } catch {
    return false;
  }
  if (!Array.isArray(manifest.modules) || manifest.modules.length === 0) return false;
  for (const m of manifest.modules) {
    let st: fs.Stats;
    try {
      st = fs.statSync(path.join(dist, m.file));
    } catch {
      return false;
    }
    if (st.size !== m.size || st.mtimeMs !== m.mtimeMs) return false;
  }
  return true;
}

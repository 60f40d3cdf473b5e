/**
 * Worker threads run the compiled JavaScript in dist/: build it (as `npm run build:cli` does) when
 * any source it compiles is newer than its output, so that tests exercise the real worker path.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

function staleFile(p: string): boolean {
  if (!/\.ts$/.test(p) || p.endsWith(".d.ts")) return false;
  const js = path.join(ROOT, "dist", path.relative(ROOT, p).replace(/\.ts$/, ".js"));
  return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(p).mtimeMs;
}

function stale(p: string): boolean {
  if (!fs.existsSync(p)) return false;
  if (fs.statSync(p).isFile()) return staleFile(p);
  return fs.readdirSync(p, { withFileTypes: true }).some((e) => stale(path.join(p, e.name)));
}

export function ensureBuilt(): void {
  const sources = ["src/engine", "src/cli", "src/workbook/xlsx", "src/messages.ts", "scripts"].map((p) => path.join(ROOT, p));
  const needed = sources.some(stale);
  if (!needed) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.cli.json")], { stdio: "pipe" });
  } catch {
    /* type errors elsewhere still emit JavaScript */
  }
}

/**
 * A V8 code cache for the command line's own compiled modules (dist/src), made once when the
 * command line is built (`npm run build:cli` runs scripts/code-cache.ts after tsc) and read when
 * `plansheet` starts.
 *
 * Why: a folder check is a short run, and V8 first parses each module and then compiles every
 * function the first time it is called. The cache is written after a check of `examples/`, so it
 * holds the bytecode of the functions a check runs, not only the modules' outer code. Measured on
 * 2 cores (paired runs of `check`, 10 and 120 workbooks): about 20 ms less a run. The npm package
 * `v8-compile-cache` makes its cache before the code runs (outer code only) and was 19 ms slower
 * than this in the same measurement, so we keep our own (this file).
 *
 * Safety: each cache file starts with the CRC-32 of the module's source; a module whose source has
 * changed is compiled as usual. V8 itself refuses data made by another V8 version or with other
 * flags (then the module is compiled as usual too). Only modules under `dist/src` are touched;
 * `PLANSHEET_CODE_CACHE=0` turns the cache off. The cache never changes what the code does.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import * as zlib from "zlib";
import Module = require("module");

interface Recorded {
  file: string;
  /** CRC-32 of the source the script was compiled from. */
  sum: number;
  script: vm.Script;
}

interface ModuleInternals {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
  require(id: string): unknown;
}

interface ModuleStatics {
  wrap(content: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
  prototype: ModuleInternals;
}

const crc32 = (zlib as unknown as { crc32?: (data: string | Uint8Array) => number }).crc32;

interface Installed {
  dist: string;
  cacheDir: string;
  recorded: Recorded[] | null;
}

let installed: Installed | null = null;

/** Modules compiled since useCodeCache(): with their cached code, refused by V8, without a (matching) cache. */
const stats = { used: 0, refused: 0, compiled: 0 };

export function codeCacheStats(): { used: number; refused: number; compiled: number } {
  return { ...stats };
}

/** Where the cache file of a module lives. */
function cacheFileOf(dist: string, cacheDir: string, file: string): string {
  return path.join(cacheDir, path.relative(dist, file) + ".v8");
}

/**
 * Compile the modules under `dist/src` with their cached code when it is there and still matches.
 * `record`: keep the compiled scripts, so that writeCodeCache() can write their data afterwards.
 * Returns false when nothing was installed (turned off, or zlib.crc32 missing: Node < 20.15).
 */
export function useCodeCache(dist: string, options: { record?: boolean; cacheDir?: string } = {}): boolean {
  if (installed || process.env.PLANSHEET_CODE_CACHE === "0" || !crc32) return false;
  const cacheDir = options.cacheDir ?? path.join(dist, "v8-cache");
  const state: Installed = { dist, cacheDir, recorded: options.record ? [] : null };
  installed = state;
  const own = path.join(dist, "src") + path.sep;
  const M = Module as unknown as ModuleStatics;
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: ModuleInternals, content: string, filename: string): unknown {
    if (!filename.startsWith(own)) return compile.call(this, content, filename);
    const sum = crc32(content) >>> 0;
    let cachedData: Buffer | undefined;
    if (!state.recorded) {
      try {
        const b = fs.readFileSync(cacheFileOf(dist, cacheDir, filename));
        if (b.length > 4 && b.readUInt32LE(0) === sum) cachedData = b.subarray(4);
      } catch {
        cachedData = undefined; // no cache for this module: compiled as usual
      }
    }
    const script = new vm.Script(M.wrap(content), { filename, cachedData });
    if (!cachedData) stats.compiled++;
    else if (script.cachedDataRejected) stats.refused++;
    else stats.used++;
    state.recorded?.push({ file: filename, sum, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const mod = this;
    const req = Object.assign((id: string) => mod.require(id), {
      resolve: (request: string, opts?: unknown) => M._resolveFilename(request, mod, false, opts),
      main: require.main,
      cache: M._cache,
      extensions: M._extensions,
    });
    return wrapper.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };
  return true;
}

/** Write the cache of every module compiled since useCodeCache(…, { record: true }); returns how many. */
export function writeCodeCache(): number {
  if (!installed?.recorded || !crc32) return 0;
  const { dist, cacheDir, recorded } = installed;
  let written = 0;
  for (const { file, sum, script } of recorded) {
    const data = script.createCachedData();
    const head = Buffer.alloc(4);
    head.writeUInt32LE(sum, 0);
    const out = cacheFileOf(dist, cacheDir, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, Buffer.concat([head, data]));
    written++;
  }
  return written;
}

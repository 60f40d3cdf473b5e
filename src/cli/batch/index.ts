/**
 * Batch check: walk folders for workbooks and check them on every core (worker threads running
 * the compiled JavaScript in dist/), keeping going past a bad file. Results come back in the
 * order of the files.
 *
 * The unit of work is a per-file check function `(file, options) => Promise<FileResult>` exported
 * by a module (`unit.module` / `unit.exportName`): workers load the module's compiled JavaScript;
 * in-process runs (one file, no compiled build, or `workers: "never"`) call it directly.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createRequire } from "module";
import { CLI_DIR, MODULE_EXT } from "../paths";
import { t, type Locale } from "../../messages";
import type { FileResult } from "../../engine/report/types";
import { collectFiles } from "./walk";
import { ProgressBar, type ProgressStream } from "./progress";
import type { WorkerInit, WorkerReply } from "./worker";

export { collectFiles, isXlsxName, isSkippedName } from "./walk";
export { ProgressBar } from "./progress";
export type { ProgressStream } from "./progress";
export { writeReport, reportFormat } from "./report";

export type CheckFileFn<O> = (file: string, options: O) => Promise<FileResult>;

export interface UnitSpec {
  /** Absolute path of the module exporting the check function (its .ts under Jest, .js in dist/). */
  module: string;
  exportName: string;
  /** The check function itself, when the caller has it: used in the main thread (workers load `module`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn?: CheckFileFn<any>;
}

export interface CheckPathsOptions<O> {
  unit: UnitSpec;
  /** Options for the check function; must survive structured cloning (plain data). */
  unitOptions: O;
  locale?: Locale;
  /**
   * "auto" (default): worker threads when there are ≥ AUTO_WORKERS_MIN_FILES files, two or more jobs
   * (by default: the cores, when there are ≥ AUTO_WORKERS_MIN_CORES) and a compiled build.
   */
  workers?: "auto" | "always" | "never";
  /** Number of workers (default: the number of cores, at most the number of files). */
  jobs?: number;
  /** Where to draw a progress bar (stderr on a terminal); none when omitted. */
  progress?: ProgressStream | null;
  /** Called as each file is done (in completion order). */
  onResult?: (result: FileResult, index: number) => void;
  /** Called with the files found, before any is checked. */
  onFiles?: (files: string[], emptyDirs: string[]) => void;
  /**
   * Called for each file in the order of the files (a file done early waits for those before it):
   * output can be written as it comes, so that a folder of any size is checked in flat memory.
   */
  onOrdered?: (result: FileResult, index: number) => void;
  /** Keep every result for the returned `files` (default true; false with onOrdered keeps none). */
  keepResults?: boolean;
}

export interface CheckPathsResult {
  files: FileResult[];
  /** Folders that held no .xlsx file. */
  emptyDirs: string[];
  /** How the files were checked: number of worker threads (0 = in the main thread). */
  workers: number;
}

/** A result for a file whose check could not run to the end. */
export function failedResult(file: string, reason: string, locale: Locale): FileResult {
  return { file, error: t(locale, "report.workerFailed", { file, reason }), sheets: [], indicators: [], issues: [] };
}

function projectRoot(from: string): string | null {
  let dir = path.dirname(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && !dir.endsWith(`${path.sep}dist`)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * The compiled JavaScript of a module: itself when it is .js, else `<root>/dist/<same path>.js`
 * (tsconfig.cli.json compiles with rootDir "." into dist/). Null when it does not exist.
 */
export function compiledPath(file: string): string | null {
  if (/\.c?js$/.test(file)) return fs.existsSync(file) ? file : null;
  const root = projectRoot(file);
  if (!root) return null;
  const js = path.join(root, "dist", path.relative(root, file).replace(/\.tsx?$/, ".js"));
  return fs.existsSync(js) ? js : null;
}

/** The worker script (compiled), or null when there is no build. */
export function workerScript(): string | null {
  return compiledPath(path.join(CLI_DIR, "batch", `worker${MODULE_EXT}`));
}

/**
 * With `workers: "auto"`, worker threads are used from this many files on, and only on machines with
 * AUTO_WORKERS_MIN_CORES cores or more. Measured with `npm run bench` on 2 cores: two workers never beat
 * one thread (120 workbooks: a tie; 300: 7.1 s against 4.2 s; 1,000: 7.6 s against 5.1 s, with twice
 * the CPU time) — each worker loads the modules and warms its JIT again, and the results are copied
 * back — so on 2 cores the check runs in one thread.
 */
export const AUTO_WORKERS_MIN_FILES = 100;
export const AUTO_WORKERS_MIN_CORES = 4;

export function defaultJobs(): number {
  const n = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n);
}

async function runInProcess<O>(
  files: string[],
  options: CheckPathsOptions<O>,
  locale: Locale,
  finished: (i: number, r: FileResult) => void,
): Promise<void> {
  // Node's own require (in the bundle too, whose require knows only the modules inside it)
  const fn = (options.unit.fn as CheckFileFn<O> | undefined) ?? (createRequire(__filename)(options.unit.module)[options.unit.exportName] as CheckFileFn<O>);
  for (let i = 0; i < files.length; i++) {
    let r: FileResult;
    try {
      r = await fn(files[i], options.unitOptions);
    } catch (err) {
      r = failedResult(files[i], err instanceof Error ? err.message : String(err), locale);
    }
    finished(i, r);
  }
}

function runInWorkers<O>(
  files: string[],
  jobs: number,
  script: string,
  moduleJs: string,
  options: CheckPathsOptions<O>,
  locale: Locale,
  finished: (i: number, r: FileResult) => void,
): Promise<void> {
  // loaded only here: a check in one thread never needs node:worker_threads
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require("worker_threads") as typeof import("worker_threads");
  return new Promise((resolve) => {
    let next = 0;
    let done = 0;
    /** Workers that died before finishing any file (a broken build): stop replacing them. */
    let coldFailures = 0;
    const seen = new Set<number>();
    const init: WorkerInit = { module: moduleJs, exportName: options.unit.exportName, options: options.unitOptions };

    const finish = (i: number, r: FileResult) => {
      if (seen.has(i)) return;
      seen.add(i);
      finished(i, r);
      done++;
      if (done === files.length) resolve();
    };

    const start = () => {
      const worker = new Worker(script, { workerData: init });
      let current = -1;
      let settled = false;
      let replied = false;
      const feed = () => {
        if (next < files.length) {
          current = next++;
          worker.postMessage({ id: current, file: files[current] });
        } else {
          current = -1;
          settled = true;
          void worker.terminate();
        }
      };
      worker.on("message", (msg: WorkerReply) => {
        if (msg.id !== current) return;
        replied = true;
        const r = "result" in msg ? (msg.result as FileResult) : failedResult(files[msg.id], msg.error, locale);
        const i = current;
        current = -1;
        finish(i, r);
        feed();
      });
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        if (current >= 0) {
          const i = current;
          current = -1;
          finish(i, failedResult(files[i], reason, locale));
        }
        if (!replied) coldFailures++;
        if (next >= files.length) return;
        if (coldFailures >= 3) {
          // The worker cannot start at all: give every remaining file the reason.
          while (next < files.length) {
            const i = next++;
            finish(i, failedResult(files[i], reason, locale));
          }
          return;
        }
        // Replace the lost worker while work remains (a bad file must not stop the others).
        start();
      };
      worker.on("error", (err) => fail(err instanceof Error ? err.message : String(err)));
      worker.on("exit", (code) => fail(`exit code ${code}`));
      worker.once("online", feed);
    };
    for (let k = 0; k < jobs; k++) start();
  });
}

/** Check every workbook under the given paths. Never throws for a bad file. */
export async function checkPaths<O>(paths: string[], options: CheckPathsOptions<O>): Promise<CheckPathsResult> {
  const locale = options.locale ?? "ja";
  const { files, emptyDirs } = await collectFiles(paths);
  options.onFiles?.(files, emptyDirs);
  const keep = options.keepResults ?? true;
  const results: FileResult[] = keep ? new Array(files.length) : [];
  const bar = options.progress && files.length ? new ProgressBar(options.progress, files.length, (d, n) => t(locale, "report.progress", { done: d, total: n })) : null;
  let done = 0;
  // results done ahead of their turn wait here (at most about one per worker)
  const waiting = new Map<number, FileResult>();
  let nextInOrder = 0;
  const finished = (i: number, r: FileResult) => {
    if (keep) results[i] = r;
    done++;
    options.onResult?.(r, i);
    if (options.onOrdered) {
      waiting.set(i, r);
      if (waiting.has(nextInOrder)) bar?.done(); // the output goes on a clean line; the bar comes back
      while (waiting.has(nextInOrder)) {
        const next = waiting.get(nextInOrder)!;
        waiting.delete(nextInOrder);
        options.onOrdered(next, nextInOrder++);
      }
    }
    bar?.update(done, files[i]);
  };
  bar?.update(0);

  const mode = options.workers ?? "auto";
  const cores = defaultJobs();
  const jobs = Math.max(1, Math.min(options.jobs ?? (mode === "auto" && cores < AUTO_WORKERS_MIN_CORES ? 1 : cores), files.length));
  const script = mode === "never" ? null : workerScript();
  const moduleJs = mode === "never" ? null : compiledPath(options.unit.module);
  if (mode === "always" && (!script || !moduleJs)) {
    throw new Error(`No compiled build for worker threads (${!script ? "worker" : options.unit.module}): run npm run build:cli`);
  }
  // Starting a worker costs its module loading and JIT warm-up again: small batches stay in-process.
  const useWorkers = !!script && !!moduleJs && (mode === "always" || (jobs >= 2 && files.length >= AUTO_WORKERS_MIN_FILES));
  try {
    if (!files.length) {
      /* nothing */
    } else if (useWorkers) await runInWorkers(files, jobs, script!, moduleJs!, options, locale, finished);
    else await runInProcess(files, options, locale, finished);
  } finally {
    bar?.done();
  }
  return { files: results, emptyDirs, workers: useWorkers ? jobs : 0 };
}

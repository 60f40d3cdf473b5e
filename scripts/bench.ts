/**
 * `npm run bench` (= `npm run build:cli && node dist/scripts/bench.js`).
 *
 * Generates its own workbooks (laid out like the seeds' indicator and progress tables, varied
 * values, 2–4 sheets each) into a temporary folder and measures:
 * - check: workbooks per second of the real check over the folder (worker threads on every core);
 * - the ratio of that time to the time exceljs alone takes to load the same files on the same
 *   worker pool (the floor; aim ≤ 1.3), and exceljs in one thread for reference;
 * - peak memory (RSS high-water mark of the process running the check, worker threads included:
 *   they share the process);
 * - engine only: indicators per second of analyzeWorkbook on snapshots already read;
 * - the Office.js adapter's context.sync() count for reading 1, 10 and 100 sheets (from the
 *   counting fake in test/office/fakeExcel.ts, loaded through the TypeScript compiler).
 * Human-readable lines first; the JSON object is the LAST line.
 *
 * Each timed phase runs in its own process, `--rounds` times (default 3), alternating; the fastest
 * round counts.
 *
 * Options: --files N (default 200), --rounds N (default 3), --keep (keep the folder), --phase … (internal).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { benchWorkbook } from "./bench-workbooks";
import { checkPaths, defaultJobs } from "../src/cli/batch";
import { analyzeWorkbook } from "../src/engine";
import type { FileResult } from "../src/engine/report/types";
import type { WorkbookSnapshot } from "../src/engine/model/snapshot";

/** The project folder (this file runs as dist/scripts/bench.js). */
const ROOT = (() => {
  let dir = __dirname;
  while (path.basename(dir) === "dist" || !fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) return path.join(__dirname, "..", "..");
    dir = up;
  }
  return dir;
})();
const CHECK_UNIT = path.join(ROOT, "dist", "src", "cli", "check-file.js");

/** The exceljs-only unit of work (the floor): load the file, nothing else. */
export async function loadWithExcelJS(file: string): Promise<FileResult> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { file, error: null, sheets: wb.worksheets.map((w) => ({ name: w.name, tables: [] })), indicators: [], issues: [] };
}

function maxRssMB(): number {
  // ru_maxrss is in kilobytes on Linux; it covers every thread of the process (workers included).
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

interface PhaseResult {
  phase: string;
  files: number;
  failed: number;
  seconds: number;
  /** CPU time of the process (all threads): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  workers: number;
  indicators: number;
  findings: number;
  peakRssMB: number;
}

/** Run inside a child process so that its peak memory is its own. */
async function runPhase(phase: string, dir: string): Promise<PhaseResult> {
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let files: FileResult[];
  let workers = 0;
  if (phase === "check") {
    const r = await checkPaths([dir], {
      unit: { module: CHECK_UNIT, exportName: "checkFile" },
      unitOptions: { locale: "ja", settings: {} },
      workers: "always",
    });
    files = r.files;
    workers = r.workers;
  } else if (phase === "load") {
    const r = await checkPaths([dir], { unit: { module: __filename, exportName: "loadWithExcelJS" }, unitOptions: {}, workers: "always" });
    files = r.files;
    workers = r.workers;
  } else if (phase === "load-1") {
    const r = await checkPaths([dir], { unit: { module: __filename, exportName: "loadWithExcelJS" }, unitOptions: {}, workers: "never" });
    files = r.files;
  } else if (phase === "check-1") {
    const r = await checkPaths([dir], {
      unit: { module: CHECK_UNIT, exportName: "checkFile" },
      unitOptions: { locale: "ja", settings: {} },
      workers: "never",
    });
    files = r.files;
  } else throw new Error(`unknown phase ${phase}`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    phase,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    files: files.length,
    failed: files.filter((f) => f.error).length,
    seconds,
    workers,
    indicators: files.reduce((n, f) => n + f.indicators.length, 0),
    findings: files.reduce((n, f) => n + f.issues.length, 0),
    peakRssMB: maxRssMB(),
  };
}

function phaseInChild(phase: string, dir: string): PhaseResult {
  const r = spawnSync(process.execPath, [__filename, "--phase", phase, dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`phase ${phase} failed: ${r.stderr}`);
  const last = r.stdout.trim().split("\n").pop()!;
  return JSON.parse(last) as PhaseResult;
}

/** The whole command line (`plansheet check DIR --json`), wall time including Node's start. */
function cliSeconds(dir: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "plansheet.js"), "check", dir, "--json"], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`plansheet check exited ${r.status}: ${r.stderr}`);
  return seconds;
}

async function engineOnly(
  dir: string,
): Promise<{ indicatorsPerSecond: number; indicatorsPerCpuSecond: number; workbooksPerSecond: number; indicators: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openWorkbook } = require(path.join(ROOT, "dist", "src", "cli", "open.js")) as {
    openWorkbook: (f: string) => Promise<{ snapshot: WorkbookSnapshot }>;
  };
  const snapshots: WorkbookSnapshot[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".xlsx")).sort()) {
    snapshots.push((await openWorkbook(path.join(dir, f))).snapshot);
  }
  // Warm up, then run whole passes for at least 1.5 s.
  for (const s of snapshots.slice(0, 10)) analyzeWorkbook(s);
  let indicators = 0;
  let workbooks = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < 1.5) {
    for (const s of snapshots) {
      indicators += analyzeWorkbook(s).indicators.length;
      workbooks++;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    indicatorsPerSecond: Math.round(indicators / elapsed),
    indicatorsPerCpuSecond: Math.round(indicators / cpuSeconds),
    workbooksPerSecond: Math.round(workbooks / elapsed),
    indicators,
  };
}

/** countReadSyncs from the counting fake, loaded with the TypeScript compiler; null if absent. */
async function officeSyncs(): Promise<{ counts: Record<string, number> | null; note: string }> {
  const fake = path.join(ROOT, "test", "office", "fakeExcel.ts");
  if (!fs.existsSync(fake)) return { counts: null, note: "test/office/fakeExcel.ts not found" };
  let ts: typeof import("typescript");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts = require("typescript");
  } catch {
    return { counts: null, note: "typescript (devDependency) not installed" };
  }
  const exts = require.extensions as NodeJS.RequireExtensions;
  if (!exts[".ts"]) {
    exts[".ts"] = (module, filename) => {
      const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      (module as unknown as { _compile(code: string, file: string): void })._compile(out.outputText, filename);
    };
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(fake) as { countReadSyncs?: (sheets: number) => Promise<number> };
    if (typeof mod.countReadSyncs !== "function") return { counts: null, note: "countReadSyncs not exported by the fake" };
    const counts: Record<string, number> = {};
    for (const n of [1, 10, 100]) counts[String(n)] = await mod.countReadSyncs(n);
    return { counts, note: "OfficeWorkbook.readSnapshot on the counting fake (test/office/fakeExcel.ts)" };
  } catch (e) {
    return { counts: null, note: `fake failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function main(argv: string[]): Promise<void> {
  const phaseAt = argv.indexOf("--phase");
  if (phaseAt >= 0) {
    process.stdout.write(JSON.stringify(await runPhase(argv[phaseAt + 1], argv[phaseAt + 2])) + "\n");
    return;
  }
  const filesAt = argv.indexOf("--files");
  const count = filesAt >= 0 ? Number(argv[filesAt + 1]) : 200;
  const keep = argv.includes("--keep");
  const roundsAt = argv.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Math.max(1, Number(argv[roundsAt + 1]) || 1) : 3;
  if (!fs.existsSync(CHECK_UNIT)) throw new Error(`${CHECK_UNIT} missing: run npm run build:cli`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-bench-"));
  const loadBefore = os.loadavg()[0];
  const log = (s: string) => process.stdout.write(s + "\n");
  try {
    const t0 = Date.now();
    let bytes = 0;
    let planted = 0;
    for (let i = 0; i < count; i++) {
      const { buffer, indicators } = await benchWorkbook(i);
      planted += indicators;
      bytes += buffer.length;
      fs.writeFileSync(path.join(dir, `${String(i + 1).padStart(3, "0")}_施策シート.xlsx`), buffer);
    }
    log(`generated ${count} workbooks (${round(bytes / 1024 / 1024)} MB, ${planted} indicator rows) in ${round((Date.now() - t0) / 1000)} s: ${dir}`);

    // Warm the disk cache so that the first phase is not penalised.
    for (const f of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, f));

    // Each phase in its own process, alternating, `rounds` times: the fastest round of each counts
    // (the machine may be shared), peak memory is the highest seen.
    const runs: Record<string, PhaseResult[]> = { check: [], load: [], "check-1": [], "load-1": [] };
    for (let r = 0; r < rounds; r++) for (const phase of Object.keys(runs)) runs[phase].push(phaseInChild(phase, dir));
    const best = (phase: string): PhaseResult => {
      const all = runs[phase];
      const fastest = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      return {
        ...fastest,
        cpuSeconds: Math.min(...all.map((x) => x.cpuSeconds)),
        peakRssMB: Math.max(...all.map((x) => x.peakRssMB)),
      };
    };
    const spread = (phase: string) => runs[phase].map((x) => round(x.seconds)).join(", ");
    const check = best("check");
    const load = best("load");
    const check1 = best("check-1");
    const load1 = best("load-1");
    log(`check (${check.workers} workers): ${round(check.seconds)} s [${spread("check")}], CPU ${round(check.cpuSeconds)} s, ${round(check.files / check.seconds, 1)} workbooks/s, ${check.indicators} indicators, ${check.findings} findings, peak RSS ${check.peakRssMB} MB`);
    log(`exceljs load only (${load.workers} workers): ${round(load.seconds)} s [${spread("load")}], CPU ${round(load.cpuSeconds)} s, ${round(load.files / load.seconds, 1)} workbooks/s, peak RSS ${load.peakRssMB} MB`);
    log(`check, one thread: ${round(check1.seconds)} s [${spread("check-1")}], CPU ${round(check1.cpuSeconds)} s, ${round(check1.files / check1.seconds, 1)} workbooks/s, peak RSS ${check1.peakRssMB} MB`);
    log(`exceljs load only, one thread: ${round(load1.seconds)} s [${spread("load-1")}], CPU ${round(load1.cpuSeconds)} s, ${round(load1.files / load1.seconds, 1)} workbooks/s`);
    const cli = cliSeconds(dir);
    log(`plansheet check DIR --json (whole command, Node start included): ${round(cli)} s`);
    const engine = await engineOnly(dir);
    log(`engine only (analyzeWorkbook on snapshots): ${engine.indicatorsPerSecond} indicators/s (${engine.indicatorsPerCpuSecond} per CPU second), ${engine.workbooksPerSecond} workbooks/s`);
    const syncs = await officeSyncs();
    log(`Office.js context.sync() for reading 1/10/100 sheets: ${syncs.counts ? Object.values(syncs.counts).join("/") : "null"} (${syncs.note})`);

    const cpus = os.cpus();
    const result = {
      machine: {
        cpu: cpus[0]?.model?.trim() ?? "unknown",
        cores: defaultJobs(),
        memoryGB: round(os.totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        /** 1-minute load average at the start and end: other work on the machine skews the figures. */
        loadAverage: [round(loadBefore, 1), round(os.loadavg()[0], 1)],
      },
      workbooks: count,
      rounds,
      sheetsPerWorkbook: "2-4",
      indicators: check.indicators,
      failed: check.failed,
      check: {
        workers: check.workers,
        seconds: round(check.seconds, 3),
        cpuSeconds: round(check.cpuSeconds, 3),
        workbooksPerSecond: round(check.files / check.seconds, 1),
      },
      exceljsLoad: {
        workers: load.workers,
        seconds: round(load.seconds, 3),
        cpuSeconds: round(load.cpuSeconds, 3),
        workbooksPerSecond: round(load.files / load.seconds, 1),
      },
      /** Wall time of check over wall time of exceljs alone, same worker pool (aim ≤ 1.3). */
      ratioToExceljsLoad: round(check.seconds / load.seconds, 2),
      /** The same ratio in CPU time (all threads). */
      cpuRatioToExceljsLoad: round(check.cpuSeconds / load.cpuSeconds, 2),
      singleThread: {
        checkSeconds: round(check1.seconds, 3),
        exceljsLoadSeconds: round(load1.seconds, 3),
        ratio: round(check1.seconds / load1.seconds, 2),
      },
      cliSeconds: round(cli, 3),
      peakRssMB: { check: check.peakRssMB, exceljsLoad: load.peakRssMB, checkOneThread: check1.peakRssMB },
      engineIndicatorsPerSecond: engine.indicatorsPerSecond,
      engineIndicatorsPerCpuSecond: engine.indicatorsPerCpuSecond,
      officeSyncs: syncs.counts,
      officeSyncsNote: syncs.note,
    };
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

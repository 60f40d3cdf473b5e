/**
 * V8 tuning for the command line's runs (only the `plansheet` process: never in the task pane, nor
 * when a program calls the commands with its own output streams).
 *
 * A check of a folder is a short run: most of its time goes to code V8 has not optimized yet, and its
 * optimizing compiler (TurboFan, on the other core) compiles for longer when it inlines calls. Measured
 * on 2 cores (`node bin/plansheet.js check DIR --json`, fastest of 12 alternating runs): 120 workbooks
 * 0.61 → 0.51 s, 300: 1.30 → 0.99 s, 1,000: 2.67 → 2.51 s, 3,000: 5.79 → 5.95 s. Below
 * INLINING_FROM_FILES files the command turns inlining off; from there on, the optimized code's own
 * speed matters more and V8's defaults stay. Flags change only how fast the code runs, never what it does.
 */
export const INLINING_FROM_FILES = 2000;

let tuned = false;

/** Tune V8 for a run over `files` workbooks; true when it changed a flag. */
export function tuneForRun(files: number): boolean {
  if (tuned || files >= INLINING_FROM_FILES) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("v8") as typeof import("v8")).setFlagsFromString("--no-turbo-inlining");
  tuned = true;
  return true;
}

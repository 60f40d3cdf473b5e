/**
 * Seeded mutation fuzz (issue #12): 300 mutants of a plain workbook — XML edits of one part (cuts,
 * inserted markup, duplicated ranges, swapped quotes, thousands of repeated tokens) and damaged
 * ZIP bytes. Each is either refused with a WorkbookFileError (exit 2) or read, filled and written
 * with every XML part well-formed; none takes more than a few seconds.
 * More mutants: `node dist/scripts/fuzz-xlsx.js 5000 7`.
 */
import { basePartsForFuzz, mutant, runMutant } from "../../scripts/fuzz-xlsx";

test("300 seeded mutants: refused or sound, each within 5 s", async () => {
  const parts = await basePartsForFuzz();
  const outcomes = new Map<string, number>();
  let slowest = 0;
  for (let k = 0; k < 300; k++) {
    const m = mutant(parts, k, 1);
    const t0 = Date.now();
    let r;
    try {
      r = await runMutant(m.bytes);
    } catch (e) {
      throw new Error(`mutant ${k} (${m.label}): ${e instanceof Error ? e.stack : String(e)}`);
    }
    const ms = Date.now() - t0;
    slowest = Math.max(slowest, ms);
    expect(ms).toBeLessThan(5000);
    const key = r.kind === "refused" ? r.code : "written";
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  console.log(`fuzz: slowest ${slowest} ms`, Object.fromEntries(outcomes));
  // both ends are exercised: some mutants are refused, some are still valid and written
  expect(outcomes.get("written") ?? 0).toBeGreaterThan(10);
  expect([...outcomes.keys()].filter((k) => k !== "written").length).toBeGreaterThan(3);
}, 240_000);

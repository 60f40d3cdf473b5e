/**
 * Issue #9: workbooks laid out like real municipalities' sheets (test/layouts/fixtures.ts), run
 * through the command line: `check --json` must read each table, indicator, series and grade as the
 * hand-worked oracle says, and `fill` must change exactly the oracle's cells (every cell of every
 * sheet is compared before and after) — never a programme row, a heading, a note, a hyperlink, a
 * 事業費 table, or a table the engine is not sure of.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LAYOUT_FIXTURES } from "./fixtures";
import { diffWorkbooks, inRange, nfkc, parseCell, runCli } from "./harness";
import type { ExpectedPoint, LayoutFixture, LayoutIndicator, LayoutIssue } from "./types";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-layouts-"));
  for (const f of LAYOUT_FIXTURES) fs.writeFileSync(path.join(dir, f.fileName), await f.build());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const checks = new Map<string, Promise<Json>>();
/** `plansheet check FILE --json`, once per fixture. */
function checkJson(f: LayoutFixture): Promise<Json> {
  if (!checks.has(f.id)) {
    checks.set(
      f.id,
      runCli("check", path.join(dir, f.fileName), "--json").then((r) => {
        expect({ code: r.code, err: r.err }).toEqual({ code: expect.any(Number), err: "" });
        expect(r.code).toBeLessThan(2);
        const file = JSON.parse(r.out).files[0];
        expect(file.error).toBeNull();
        return file;
      }),
    );
  }
  return checks.get(f.id)!;
}

const RATE_KEYS = new Set(["achievementRate", "rate"]);
/** Numbers within 1e-9 of the oracle's are the oracle's (0.898 computed as 0.8980000000000001). */
function close(got: unknown, want: unknown): unknown {
  if (typeof got === "number" && typeof want === "number" && Math.abs(got - want) < 1e-9) return want;
  return got;
}

/** The engine's indicator, cut down to the fields the oracle gives. */
function pick(got: Json, want: LayoutIndicator): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(want) as (keyof LayoutIndicator)[]) {
    if (k === "points") continue;
    const g = got?.[k];
    const w = want[k];
    if (k === "grade") out[k] = g === null || g === undefined ? g ?? null : nfkc(g) === nfkc(w) ? w : g;
    else if (RATE_KEYS.has(k)) out[k] = close(g, w);
    else if (w && typeof w === "object" && g && typeof g === "object")
      out[k] = Object.fromEntries(Object.keys(w).map((kk) => [kk, close(g[kk], (w as any)[kk])]));
    else out[k] = g === undefined ? "(missing)" : g;
  }
  return out;
}

function pickPoint(got: Json, want: ExpectedPoint): Record<string, unknown> {
  if (!got) return { year: want.year, missing: "no point of this year in series.points" };
  return Object.fromEntries(Object.keys(want).map((k) => [k, close(got[k], (want as any)[k])]));
}

function issueMatches(i: Json, e: { rule: string | string[]; sheet: string; cell?: string; within?: string }): boolean {
  const rules = Array.isArray(e.rule) ? e.rule : [e.rule];
  if (!rules.includes(i.rule) || i.sheet !== e.sheet) return false;
  if (e.cell) return i.cell === e.cell;
  if (e.within) return typeof i.cell === "string" && /^[A-Z]+\d+$/.test(i.cell) && inRange(i.cell, e.within);
  return true;
}

function describeIssue(e: LayoutIssue): string {
  return `${[e.rule].flat().join("|")} ${e.severity} ${e.sheet}!${e.cell ?? e.within ?? "(sheet)"}`;
}

describe.each(LAYOUT_FIXTURES.map((f) => [f.id, f] as const))("%s", (_id, f) => {
  test(`check --json: tables, their ranges and the role and year of their columns (${f.about})`, async () => {
    const file = await checkJson(f);
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const w of f.expected.tables) {
      const sheet = (file.sheets as Json[]).find((s) => s.name === w.sheet);
      const candidates = ((sheet?.tables ?? []) as Json[]).filter((t) => t.kind === w.kind);
      const table = candidates.find((t) => {
        const [a, b = a] = String(t.range).split(":");
        const top = parseCell(a).row;
        const bottom = parseCell(b).row;
        return top === w.headerRow && (bottom === w.lastRow || bottom === w.lastRow + 1);
      });
      const id = `${w.sheet} ${w.kind} rows ${w.headerRow}–${w.lastRow}`;
      if (!table) {
        got.push({ table: id, found: candidates.map((t) => t.range) });
        want.push({ table: id, found: "a table from the header row to the last data row (or the legend row below it)" });
        continue;
      }
      const cols = ((table.columns ?? []) as Json[]);
      got.push({
        table: id,
        ...(w.shape ? { shape: table.shape } : {}),
        columns: (w.columns ?? []).map((c) => {
          const g = cols.find((x) => x.column === c.column);
          const roles = [c.role].flat();
          return { column: c.column, role: roles.includes(g?.role) ? c.role : g?.role ?? null, ...(c.year !== undefined ? { year: g?.year ?? null } : {}) };
        }),
      });
      want.push({ table: id, ...(w.shape ? { shape: w.shape } : {}), columns: w.columns ?? [] });
    }
    expect(got).toEqual(want);
  });

  test("check --json: every indicator as hand-worked, and no other indicator on its sheets", async () => {
    const file = await checkJson(f);
    const all = (file.indicators as Json[]).filter((i) => i.name !== "" && i.name !== null);
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const w of f.expected.indicators) {
      const g = all.find((i) => i.sheet === w.sheet && i.row === w.row);
      const { points, ...fields } = w;
      const at = `${w.sheet}!${w.row}`;
      got.push({ at, ...(g ? pick(g, fields) : { missing: "no indicator on this row" }) });
      want.push({ at, ...fields });
      for (const p of points ?? []) {
        const gp = ((g?.series?.points ?? []) as Json[]).find((x) => x.year === p.year);
        got.push({ at: `${at} series ${p.year}`, ...pickPoint(gp, p) });
        want.push({ at: `${at} series ${p.year}`, ...p });
      }
    }
    expect(got).toEqual(want);
    const complete = f.expected.completeSheets ?? (file.sheets as Json[]).map((s) => s.name);
    const rows = (list: { sheet: string; row: number; name: string }[]) =>
      list.filter((i) => complete.includes(i.sheet)).map((i) => `${i.sheet}!${i.row} ${nfkc(i.name)}`).sort();
    expect(rows(all)).toEqual(rows(f.expected.indicators));
  });

  test("check --json: the planted findings on their cells, and no error anywhere else", async () => {
    const file = await checkJson(f);
    const issues = file.issues as Json[];
    for (const e of f.expected.issues) {
      const hit = issues.find((i) => issueMatches(i, e));
      expect({ planted: describeIssue(e), found: hit ? `${hit.rule} ${hit.severity} ${hit.sheet}!${hit.cell}` : issues.filter((i) => i.sheet === e.sheet).map((i) => `${i.rule} ${i.cell}`) }).toEqual({
        planted: describeIssue(e),
        found: expect.stringMatching(new RegExp(`^\\S+ ${e.severity} `)),
      });
      if (e.expected !== undefined) {
        const ok = typeof e.expected === "number" ? Math.abs(Number(hit.expected) - e.expected) < 1e-6 : nfkc(hit.expected) === nfkc(e.expected);
        expect({ planted: describeIssue(e), expected: ok ? e.expected : hit.expected }).toEqual({ planted: describeIssue(e), expected: e.expected });
      }
      if (e.actual !== undefined) expect({ planted: describeIssue(e), actual: nfkc(hit.actual) }).toEqual({ planted: describeIssue(e), actual: nfkc(e.actual) });
    }
    for (const a of f.expected.absent) {
      expect({ mustNotReport: `${a.rule} ${a.sheet}!${a.cell ?? a.within ?? "*"}`, got: issues.filter((i) => issueMatches(i, a)).map((i) => `${i.cell}: ${i.message}`) }).toEqual({
        mustNotReport: `${a.rule} ${a.sheet}!${a.cell ?? a.within ?? "*"}`,
        got: [],
      });
    }
    const planted = new Set(f.expected.issues.filter((e) => e.cell).map((e) => `${e.sheet}!${e.cell}`));
    const stray = issues.filter((i) => i.severity === "error" && !planted.has(`${i.sheet}!${i.cell}`));
    expect(stray.map((i) => `${i.rule} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([]);
  });

  test("fill -o OUT: exit 0, and exactly the hand-worked cells change, to the hand-worked values", async () => {
    const input = path.join(dir, f.fileName);
    const out = path.join(dir, `filled-${f.fileName}`);
    const before = fs.readFileSync(input);
    const r = await runCli("fill", input, "-o", out);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    expect(fs.readFileSync(input).equals(before)).toBe(true); // IN is never written
    const diff = await diffWorkbooks(before, fs.readFileSync(out));
    const want = new Map(f.expected.fill.map((c) => [`${c.sheet}!${c.cell}`, c]));
    const describe = (k: string) => `${k} ${JSON.stringify(diff.get(k)?.before?.value ?? null)} → ${JSON.stringify(diff.get(k)?.after?.value ?? null)}`;
    // the set of changed cells: nothing outside the oracle's mark / rate / 評価 cells
    expect([...diff.keys()].sort().map(describe)).toEqual([...want.keys()].sort().map((k) => (diff.has(k) ? describe(k) : `${k} (must change)`)));
    for (const [k, c] of want) {
      const after = diff.get(k)?.after ?? null;
      if (c.kind === "rate") {
        const v = after?.value;
        const ok = typeof v === "number" && Math.abs(v - (c.value as number)) <= 0.0005 + 1e-9 && /%/.test(after?.numFmt ?? "");
        expect({ cell: k, value: ok ? c.value : after }).toEqual({ cell: k, value: c.value });
      } else if (c.kind === "grade") {
        expect({ cell: k, value: nfkc(after?.value) }).toEqual({ cell: k, value: nfkc(c.value) });
      } else {
        expect({ cell: k, value: after?.value ?? null }).toEqual({ cell: k, value: c.value });
      }
    }
  });
});

describe("a sheet of prose only", () => {
  test("the readable report does not say 「問題は見つかりませんでした」 alone", async () => {
    const prose = LAYOUT_FIXTURES.find((f) => f.id === "prose")!;
    const r = await runCli("check", path.join(dir, prose.fileName));
    expect(r.code).toBe(0);
    const lines = r.out
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.includes(prose.fileName) && !/問題は見つかりませんでした/.test(l));
    expect(lines.length).toBeGreaterThan(0);
  });
});

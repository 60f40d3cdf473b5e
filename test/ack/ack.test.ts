/**
 * Acknowledged findings (確認済み): `plansheet ack` writes only the setting, `check` shows them apart
 * and does not count them (unless --strict), the acknowledgement lapses when its values change and
 * survives rows moving, and bad input writes nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { buildFixture } from "../fixtures/workbooks";
import { runCli } from "../layouts/harness";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { checkWorkbook } from "../../src/engine";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/engine/model/snapshot";
import { ACK_KEY, acknowledge, EMPTY_STORE, findingSubjects, parseAckStore, serializeAckStore, splitFindings, unacknowledge } from "../../src/engine/ack";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ps-ack-"));

async function fixtureFile(dir: string): Promise<string> {
  const f = path.join(dir, "m.xlsx");
  fs.writeFileSync(f, (await buildFixture("management-rate", "errors")).buffer);
  return f;
}

function entries(file: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(fs.readFileSync(file)));
}

async function json(file: string, ...more: string[]) {
  const r = await runCli("check", file, "--json", ...more);
  return { code: r.code, file: JSON.parse(r.out).files[0] };
}

describe("plansheet ack and check", () => {
  test("acknowledging writes only the setting; check lists it apart with reason, by, at; not counted unless --strict", async () => {
    const dir = tmp();
    const file = await fixtureFile(dir);
    const before = await json(file);
    expect(before.code).toBe(1);
    const errors = before.file.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    const g18 = before.file.issues.find((i: { cell: string; rule: string }) => i.cell === "G18" && i.rule === "trend-mark-mismatch");
    expect(g18).toBeDefined();

    const out = path.join(dir, "out.xlsx");
    const r = await runCli("ack", file, "--rule", "trend-mark-mismatch", "--cell", "マネジメントシート!G18", "--reason", "目標値見直し予定のため", "--by", "山田", "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("G18");

    // every part but the custom properties (and what adding them needs) is byte for byte the same
    const a = entries(file);
    const b = entries(out);
    const changed = Object.keys(b).filter((k) => !a[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0);
    expect(changed.sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "docProps/custom.xml"].filter((k) => changed.includes(k)).sort());
    expect(changed).toContain("docProps/custom.xml");
    expect(Object.keys(a).every((k) => k in b)).toBe(true);

    // reopened: the acknowledgement is read back from the file
    const after = await json(out);
    const keys = Object.keys(after.file);
    expect(keys).toEqual(["file", "error", "sheets", "indicators", "issues", "acknowledged"]);
    expect(after.file.issues.find((i: { cell: string; rule: string }) => i.cell === "G18" && i.rule === "trend-mark-mismatch")).toBeUndefined();
    expect(after.file.acknowledged).toHaveLength(1);
    expect(after.file.acknowledged[0]).toMatchObject({ ...g18, acknowledged: { reason: "目標値見直し予定のため", by: "山田" } });
    expect(new Date(after.file.acknowledged[0].acknowledged.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.file.issues).toHaveLength(before.file.issues.length - 1);

    const text = await runCli("check", out);
    expect(text.out).toContain("1 件は確認済み");
    expect(text.out).toContain("目標値見直し予定のため（山田、");
  });

  test("exit code: acknowledged errors do not count; --strict counts them", async () => {
    const dir = tmp();
    const file = await fixtureFile(dir);
    const { file: res } = await json(file);
    const errors = res.issues.filter((i: { severity: string }) => i.severity === "error");
    for (const e of errors) {
      const r = await runCli("ack", file, "--rule", e.rule, "--cell", `${e.sheet}!${e.cell}`, "--reason", "説明済み", "--in-place");
      expect(r.code).toBe(0);
    }
    const after = await json(file);
    expect(after.file.issues.some((i: { severity: string }) => i.severity === "error")).toBe(false);
    expect(after.file.acknowledged).toHaveLength(errors.length);
    expect(after.code).toBe(0);
    expect((await json(file, "--strict")).code).toBe(1);
    // --remove takes one back
    const e = errors[0];
    expect((await runCli("ack", file, "--rule", e.rule, "--cell", `${e.sheet}!${e.cell}`, "--remove", "--in-place")).code).toBe(0);
    expect((await json(file)).code).toBe(1);
  });

  test("when the values change, the acknowledgement lapses: the finding is back with a note", async () => {
    const dir = tmp();
    const file = await fixtureFile(dir);
    const out = path.join(dir, "acked.xlsx");
    expect((await runCli("ack", file, "--rule", "trend-mark-mismatch", "--cell", "G18", "--reason", "調査方法変更のため", "-o", out)).code).toBe(0);
    // this year's actual of that indicator changes (421 → 425: still below last year's 431, still ▼)
    const wb = XlsxWorkbook.fromBuffer(fs.readFileSync(out), out);
    await wb.applyEdits({ cells: [{ sheet: "マネジメントシート", cell: "E18", value: 425 }] });
    const changed = path.join(dir, "changed.xlsx");
    fs.writeFileSync(changed, await wb.toBuffer());
    const r = await json(changed);
    const back = r.file.issues.find((i: { cell: string; rule: string }) => i.cell === "G18" && i.rule === "trend-mark-mismatch");
    expect(back).toBeDefined();
    expect(back.acknowledgementLapsed).toMatchObject({ reason: "調査方法変更のため" });
    expect(r.file.acknowledged).toEqual([]);
    const text = await runCli("check", changed);
    expect(text.out).toContain("確認済みでしたが、値が変わったため再び指摘しています（理由: 調査方法変更のため");
  });

  test("bad input: a reason over 500 characters, a finding that does not exist, a store that does not parse — exit 2, nothing written", async () => {
    const dir = tmp();
    const file = await fixtureFile(dir);
    const original = fs.readFileSync(file);
    const out = path.join(dir, "never.xlsx");
    const long = await runCli("ack", file, "--rule", "trend-mark-mismatch", "--cell", "G18", "--reason", "あ".repeat(501), "-o", out);
    expect(long.code).toBe(2);
    expect(long.err).toContain(file);
    expect(long.err).toContain("G18");
    expect(long.err).toContain("501");
    const none = await runCli("ack", file, "--rule", "rate-mismatch", "--cell", "B3", "--reason", "x", "-o", out);
    expect(none.code).toBe(2);
    expect(none.err).toContain("B3");
    expect(none.err).toContain("rate-mismatch");
    expect(fs.existsSync(out)).toBe(false);

    // a workbook whose stored acknowledgements do not parse
    const wb = XlsxWorkbook.fromBuffer(original, file);
    await wb.setSetting(ACK_KEY, '{"version":1,"items":[{"rule":"x"}]}');
    const broken = path.join(dir, "broken.xlsx");
    const brokenBytes = await wb.toBuffer();
    fs.writeFileSync(broken, brokenBytes);
    const bad = await runCli("ack", broken, "--rule", "trend-mark-mismatch", "--cell", "G18", "--reason", "x", "--in-place");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(broken);
    expect(bad.err).toContain("items[0]");
    expect(Buffer.compare(fs.readFileSync(broken), Buffer.from(brokenBytes))).toBe(0);
    // check still checks, says so, and counts every finding
    const c = await runCli("check", broken, "--json");
    const f = JSON.parse(c.out).files[0];
    expect(f.acknowledgementsError).toContain("plansheet.acknowledgements");
    expect(f.issues.length).toBeGreaterThan(0);
    expect(c.code).toBe(1);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
  });
});

describe("the acknowledgement model", () => {
  function shifted(s: SheetSnapshot, n: number): SheetSnapshot {
    const pad = <T>(rows: T[][] | undefined) => (rows ? [...Array.from({ length: n }, () => [] as T[]), ...rows] : undefined);
    return {
      ...s,
      values: pad(s.values)!,
      formulas: pad(s.formulas),
      numberFormats: pad(s.numberFormats),
      merges: s.merges.map((m) => ({ ...m, top: m.top + n, bottom: m.bottom + n })),
      rowCount: s.rowCount + n,
    };
  }

  test("keyed by the indicator's name, not its row: rows inserted above keep it acknowledged", async () => {
    const wb = XlsxWorkbook.fromBuffer((await buildFixture("management-rate", "errors")).buffer);
    const snap = await wb.readSnapshot();
    const a = checkWorkbook(snap);
    const f = a.issues.find((i) => i.rule === "trend-mark-mismatch" && i.cell === "G18")!;
    const [subject] = findingSubjects(snap, [f]);
    expect(subject.item).toBe("地域福祉コーディネーターの新規相談件数（個別支援）");
    expect(subject.part).toBe("mark");
    const store = acknowledge(EMPTY_STORE, f, subject, { reason: "理由", by: "", at: "2026-01-01T00:00:00Z" });
    // the stored form parses back
    const parsed = parseAckStore(serializeAckStore(store));
    expect(parsed.ok).toBe(true);

    const moved: WorkbookSnapshot = { sheets: snap.sheets.map((s) => shifted(s, 2)) };
    const b = checkWorkbook(moved);
    const split = splitFindings(b.issues, findingSubjects(moved, b.issues), store);
    expect(split.acknowledged.map((x) => `${x.finding.rule}@${x.finding.cell}`)).toEqual(["trend-mark-mismatch@G20"]);
    expect(split.open).toHaveLength(b.issues.length - 1);
    expect(unacknowledge(store, f, subject).items).toEqual([]);
  });

  test("the store is refused with the field named", () => {
    expect(parseAckStore("{")).toMatchObject({ ok: false, path: "(JSON)" });
    expect(parseAckStore('{"version":2,"items":[]}')).toMatchObject({ ok: false, path: "version" });
    const long = { version: 1, items: [{ rule: "r", sheet: "s", item: null, part: "@A1", cell: "A1", values: {}, reason: "x".repeat(501), by: "", at: "t" }] };
    expect(parseAckStore(JSON.stringify(long))).toMatchObject({ ok: false, path: "items[0].reason" });
    expect(parseAckStore(undefined)).toEqual({ ok: true, store: { version: 1, items: [] } });
  });
});

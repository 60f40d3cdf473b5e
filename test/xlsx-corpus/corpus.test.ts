/**
 * Issue #12 corpus: the same workbook as other producers write it must read the same indicators,
 * and `fill` must write well-formed parts, no duplicate rows or cells, and change only the cells it
 * lists; the damaged packages of the issue's table are refused with their real reason (exit 2,
 * naming the file and the part); the slow ones finish in bounded time.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchWorkbook } from "../../scripts/bench-workbooks";
import { analyzeWorkbook, planFill } from "../../src/engine";
import { main } from "../../src/cli/main";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { WorkbookFileError } from "../../src/workbook/xlsx/errors";
import { decodeXmlBytes, parseXml, type XmlDoc } from "../../src/workbook/xlsx/xmldoc";
import { rawZip } from "../workbook/craft";
import { isSheet, partsOf, validVariants, zipOf, type Parts } from "./variants";
import { t } from "../../src/messages";
import type { WorkbookSnapshot } from "../../src/workbook/port";

const enc = new TextEncoder();
const dec = new TextDecoder();
let base: Parts;
let baseBytes: Uint8Array;
let dir: string;

beforeAll(async () => {
  baseBytes = new Uint8Array((await benchWorkbook(3)).buffer);
  base = partsOf(baseBytes);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-corpus-"));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function snapshotOf(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return XlsxWorkbook.fromBuffer(bytes, "x.xlsx").readSnapshot();
}

function indicatorSummary(snap: WorkbookSnapshot) {
  return analyzeWorkbook(snap).indicators.map((i) => [i.sheet, i.row, i.name, i.current?.value ?? null, i.trendMark, i.achievementRate]);
}

/** Rows and cells of a sheet document: [row, col] pairs, in order. */
function cellsOf(d: XmlDoc): { rows: number[]; cells: string[] } {
  const rows: number[] = [];
  const cells: string[] = [];
  let lastRow = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.locals[d.qn[i]] !== "row") continue;
    const tag = d.text.slice(d.start[i], d.openEnd[i]);
    const r = /\sr\s*=\s*["'](\d+)/.exec(tag);
    const row = r ? Number(r[1]) : lastRow + 1;
    lastRow = row;
    rows.push(row);
    let lastCol = -1;
    for (let c = i + 1; c < d.after[i]; c = d.after[c]) {
      if (d.locals[d.qn[c]] !== "c") continue;
      const ct = d.text.slice(d.start[c], d.openEnd[c]);
      const m = /\sr\s*=\s*["']([A-Z]+)/.exec(ct);
      let col = lastCol + 1;
      if (m) {
        col = 0;
        for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
        col--;
      }
      lastCol = col;
      cells.push(`${row}:${col}`);
    }
  }
  return { rows, cells };
}

/** Every XML part of a package parses; no sheet has duplicate rows or cells, and they are in order. */
function expectSound(out: Parts): void {
  for (const [name, bytes] of out) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const doc = parseXml(decodeXmlBytes(bytes).text);
    if (!isSheet(name)) continue;
    const { rows, cells } = cellsOf(doc);
    expect(new Set(rows).size).toBe(rows.length);
    expect(new Set(cells).size).toBe(cells.length);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  }
}

function valuesMap(snap: WorkbookSnapshot): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const s of snap.sheets) s.values.forEach((r, ri) => r?.forEach((v, ci) => v !== undefined && v !== null && m.set(`${s.name}!${ri}:${ci}`, v)));
  return m;
}

describe("valid variants read and fill like the plain file", () => {
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])("variant %i", async (k) => {
    const [name, parts] = validVariants(base)[k];
    const bytes = zipOf(parts);
    const plain = await snapshotOf(baseBytes);
    const snap = await snapshotOf(bytes);
    const expected = indicatorSummary(plain);
    expect(expected.length).toBeGreaterThan(5);
    expect(indicatorSummary(snap)).toEqual(expected);

    // fill: only the listed cells change, every part stays well-formed, no duplicates
    const wb = XlsxWorkbook.fromBuffer(bytes, `${name}.xlsx`);
    const plan = planFill(snap);
    expect(plan.batch.cells.length).toBe(planFill(plain).batch.cells.length);
    expect(plan.batch.cells.length).toBeGreaterThan(0);
    await wb.applyEdits(plan.batch);
    const outBytes = await wb.toBuffer();
    const out = partsOf(outBytes);
    expectSound(out);
    const after = valuesMap(await snapshotOf(outBytes));
    const before = valuesMap(snap);
    const listed = new Map(plan.batch.cells.map((c) => [c.sheet + "!" + c.cell, c.value]));
    const changed = new Set<string>();
    for (const key of new Set([...before.keys(), ...after.keys()])) if (JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))) changed.add(key);
    // each changed cell is one the plan lists
    const { parseA1 } = await import("../../src/engine/model/grid");
    const listedKeys = new Set([...listed.keys()].map((k2) => {
      const [sheet, cell] = k2.split("!");
      const { row, col } = parseA1(cell);
      return `${sheet}!${row}:${col}`;
    }));
    for (const c of changed) expect(listedKeys.has(c)).toBe(true);
    // the filled file analyses with no trend-mark or rate errors left
    const again = analyzeWorkbook(await snapshotOf(outBytes));
    expect(again.issues.filter((i) => i.rule === "trend-mark-mismatch" || i.rule === "rate-mismatch")).toEqual([]);
    // a part read in UTF-16 is written in UTF-16; Strict stays Strict
    if (name.startsWith("UTF-16")) for (const [n, b] of out) if (isSheet(n)) expect([b[0], b[1]]).toEqual([0xff, 0xfe]);
    if (name === "Strict OOXML") {
      for (const [n, b] of out) if (/\.(xml|rels)$/.test(n)) expect(dec.decode(b)).not.toContain("http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    }
  }, 60_000);
});

test("_x000D_ and other ST_Xstring escapes are read as characters", async () => {
  const parts = new Map(base);
  const sst = dec.decode(parts.get("xl/sharedStrings.xml")!).replace(/<si><t>([^<]*)<\/t><\/si>/, "<si><t>行1_x000D_行2</t></si>");
  parts.set("xl/sharedStrings.xml", enc.encode(sst));
  const snap = await snapshotOf(zipOf(parts));
  const all = snap.sheets.flatMap((s) => s.values.flat());
  expect(all).toContain("行1\r行2");
});

test("Strict workbook + insert as a new sheet: the new parts are Strict too (no mixed package)", async () => {
  const bytes = zipOf(validVariants(base).find(([n]) => n === "Strict OOXML")![1]);
  const wb = XlsxWorkbook.fromBuffer(bytes, "strict.xlsx");
  await wb.applyEdits({ addSheets: ["新しいシート"], cells: [{ sheet: "新しいシート", cell: "A1", value: "指標名" }] });
  const out = partsOf(await wb.toBuffer());
  expectSound(out);
  for (const [n, b] of out) {
    if (!/\.(xml|rels)$/.test(n)) continue;
    const text = dec.decode(b);
    expect(text).not.toContain("http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    expect(text).not.toContain("http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  }
  const snap = await snapshotOf(await wb.toBuffer());
  expect(snap.sheets.map((s) => s.name)).toContain("新しいシート");
  expect(snap.sheets.find((s) => s.name === "新しいシート")!.values[0][0]).toBe("指標名");
});

// ---- damaged: refused with the real reason ---------------------------------------------------

async function refusal(bytes: Uint8Array, file = "壊れた.xlsx"): Promise<WorkbookFileError> {
  try {
    const wb = XlsxWorkbook.fromBuffer(bytes, file);
    await wb.readSnapshot();
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      expect(e.file).toBe(file);
      const ja = t("ja", e.code, e.params);
      expect(ja).not.toMatch(/\{\w+\}/);
      expect(t("en", e.code, e.params)).not.toMatch(/\{\w+\}/);
      return e;
    }
    throw e;
  }
  throw new Error("read without complaint");
}

function withPart(name: string, content: Uint8Array | string): Parts {
  const p = new Map(base);
  p.set(name, typeof content === "string" ? enc.encode(content) : content);
  return p;
}

const sheet1 = () => dec.decode(base.get("xl/worksheets/sheet1.xml")!);
const sst = () => dec.decode(base.get("xl/sharedStrings.xml")!);

test("two ZIP entries with one name", async () => {
  const entries = [...base].map(([name, content]) => ({ name, content }));
  entries.push({ name: "xl/worksheets/sheet1.xml", content: enc.encode("<worksheet/>") });
  const { writeZip } = await import("../../src/workbook/xlsx/zip");
  const e = await refusal(writeZip(entries));
  expect(e.code).toBe("file.zip.duplicate");
  expect(e.params.part).toBe("xl/worksheets/sheet1.xml");
});

test("a damaged byte in, or no, xl/_rels/workbook.xml.rels", async () => {
  const rels = dec.decode(base.get("xl/_rels/workbook.xml.rels")!);
  const e1 = await refusal(zipOf(withPart("xl/_rels/workbook.xml.rels", rels.replace("<Relationship ", "<Relationship\u0001 "))));
  expect(e1.code).toMatch(/^file\.xml\./);
  expect(e1.params.part).toBe("xl/_rels/workbook.xml.rels");
  const e2 = await refusal(zipOf(withPart("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", ""))));
  expect(e2.code).toBe("file.xml.unclosed");
  const p = new Map(base);
  p.delete("xl/_rels/workbook.xml.rels");
  const e3 = await refusal(zipOf(p));
  expect(e3.code).toBe("file.partMissing");
  expect(e3.params.part).toBe("xl/_rels/workbook.xml.rels");
});

test("a sheet named in the workbook but missing; a missing workbook part", async () => {
  const p = new Map(base);
  p.delete("xl/worksheets/sheet2.xml");
  const e = await refusal(zipOf(p));
  expect(e.code).toBe("file.sheetMissing");
  expect(e.params.part).toBe("worksheets/sheet2.xml".replace(/^/, "xl/"));
  const q = new Map(base);
  q.delete("xl/workbook.xml");
  expect((await refusal(zipOf(q))).code).toBe("file.partMissing");
});

test("invalid UTF-8 in sharedStrings", async () => {
  const b = enc.encode(sst());
  const at = dec.decode(b).indexOf("<t>") + 3;
  const bad = new Uint8Array([...b.subarray(0, at), 0xe3, 0x81, ...b.subarray(at)]);
  const e = await refusal(zipOf(withPart("xl/sharedStrings.xml", bad)));
  expect(e.code).toBe("file.xml.badBytes");
  expect(e.params).toMatchObject({ part: "xl/sharedStrings.xml", offset: at });
});

test("&#x110000; in a text: the reference is refused in words, no internal text", async () => {
  const e = await refusal(zipOf(withPart("xl/sharedStrings.xml", sst().replace("<t>", "<t>&#x110000;"))));
  expect(e.code).toBe("file.xml.reference");
  expect(t("ja", e.code, e.params)).not.toMatch(/Invalid code point/);
});

test("200,000 unclosed <rPh> runs: refused in linear time", async () => {
  const runs = "<rPh>".repeat(200_000);
  const t0 = Date.now();
  const e = await refusal(zipOf(withPart("xl/sharedStrings.xml", sst().replace("<si>", `<si>${runs}`))));
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(e.code).toMatch(/^file\.xml\.(unclosed|mismatch)$/);
});

test("a DOCTYPE (entity expansion) is refused", async () => {
  const x = sheet1().replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>');
  expect((await refusal(zipOf(withPart("xl/worksheets/sheet1.xml", x)))).code).toBe("file.xml.doctype");
});

test("UTF-8 bytes declared UTF-16 are refused", async () => {
  const x = sheet1().replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  expect((await refusal(zipOf(withPart("xl/worksheets/sheet1.xml", x)))).code).toBe("file.xml.encoding");
});

test("merges K1:XFD1048576 on 20 small sheets read fast (rectangles, never cells)", async () => {
  const x = sheet1().replace(/<mergeCells[\s\S]*?<\/mergeCells>|(?=<pageMargins)/, '<mergeCells count="1"><mergeCell ref="K1:XFD1048576"/></mergeCells>');
  const p = new Map(base);
  const wbx = dec.decode(base.get("xl/workbook.xml")!);
  const rels = dec.decode(base.get("xl/_rels/workbook.xml.rels")!);
  const ct = dec.decode(base.get("[Content_Types].xml")!);
  let sheets = "", rel = "", over = "";
  for (let k = 0; k < 20; k++) {
    p.set(`xl/worksheets/m${k}.xml`, enc.encode(x));
    sheets += `<sheet name="M${k}" sheetId="${100 + k}" r:id="rM${k}"/>`;
    rel += `<Relationship Id="rM${k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/m${k}.xml"/>`;
    over += `<Override PartName="/xl/worksheets/m${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  p.set("xl/workbook.xml", enc.encode(wbx.replace("</sheets>", sheets + "</sheets>")));
  p.set("xl/_rels/workbook.xml.rels", enc.encode(rels.replace("</Relationships>", rel + "</Relationships>")));
  p.set("[Content_Types].xml", enc.encode(ct.replace("</Types>", over + "</Types>")));
  const t0 = Date.now();
  const snap = await snapshotOf(zipOf(p));
  const readMs = Date.now() - t0;
  expect(snap.sheets.filter((s) => s.merges.some((m) => m.bottom === 1048575 && m.right === 16383)).length).toBe(20);
  expect(readMs).toBeLessThan(2000);
});

test("11,011 tiny entries / a part compressed 1014:1: the real reason", async () => {
  const many = [...base].map(([name, content]) => ({ name, data: content, method: 0, usize: content.length }));
  for (let i = 0, n = 11_011 - many.length; i < n; i++) many.push({ name: `x/${i}`, data: new Uint8Array(0), method: 0, usize: 0 });
  const e1 = await refusal(rawZip(many));
  expect(e1.code).toBe("file.zip.tooManyEntries");
  expect(e1.params).toMatchObject({ count: "11,011", limit: "10,000" });
  const zlib = await import("zlib");
  const big = zlib.deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 32));
  const entries = [...base].map(([name, content]) => ({ name, data: zlib.deflateRawSync(content) as Uint8Array, method: 8, usize: content.length, crc: undefined as number | undefined }));
  const { crc32 } = await import("../../src/workbook/xlsx/zip");
  for (const en of entries) en.crc = crc32(base.get(en.name)!);
  const ratioPart = { name: "xl/media/big.bin", data: new Uint8Array(Math.floor((20 * 1024 * 1024) / 1014)).map((_, i) => big[i % big.length]), method: 8, usize: 20 * 1024 * 1024, crc: 0 };
  const e2 = await refusal(rawZip([...entries, ratioPart]));
  expect(e2.code).toBe("file.zip.ratio");
  expect(e2.params).toMatchObject({ part: "xl/media/big.bin", ratio: 1014, limit: 1000 });
});

test("ZIP by the spec: header mismatch, unsupported method, ../ names", async () => {
  const entries = [...base].map(([name, content]) => ({ name, data: content, method: 0, usize: content.length }));
  // a local header that disagrees with the central directory (method)
  const zip = rawZip(entries);
  const bad = new Uint8Array(zip);
  bad[8] = 8; // first local header: method deflate, central says stored
  expect((await refusal(bad)).code).toBe("file.zip.headerMismatch");
  const e = await refusal(rawZip([...entries, { name: "xl/media/x.bin", data: new Uint8Array(10), method: 12, usize: 10 }]));
  expect(e.code).toBe("file.zip.method");
  expect(e.params).toMatchObject({ part: "xl/media/x.bin", method: 12 });
  expect((await refusal(rawZip([...entries, { name: "../../etc/evil", data: new Uint8Array(1), method: 0, usize: 1 }]))).code).toBe("file.zip.unsafeName");
  expect((await refusal(rawZip([...entries, { name: "/abs.xml", data: new Uint8Array(1), method: 0, usize: 1 }]))).code).toBe("file.zip.unsafeName");
});

test("the command line: a damaged package is exit 2 with the reason, a valid variant is read", async () => {
  const damaged = path.join(dir, "壊れた.xlsx");
  fs.writeFileSync(damaged, zipOf(withPart("xl/sharedStrings.xml", sst().replace("<t>", "<t>&bogus;"))));
  let out = "", err = "";
  const code = await main(["check", damaged], { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  expect(code).toBe(2);
  expect(out + err).toContain("壊れた.xlsx");
  expect(out + err).toContain("xl/sharedStrings.xml");
  expect(out + err).not.toMatch(/at \w+ \(|Error:/);
  const ok = path.join(dir, "quoted.xlsx");
  fs.writeFileSync(ok, zipOf(validVariants(base)[0][1]));
  const code2 = await main(["check", ok, "--json"], { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  expect(code2).not.toBe(2);
});

/**
 * Seeded mutation fuzz of the .xlsx reader and writer (issue #12). Each mutant of a plain workbook
 * (XML-level edits of one part, or bytes of the ZIP) must end in one of two ways, within a few
 * seconds: refused with a WorkbookFileError (exit 2 at the command line), or read, filled and
 * written as a package whose every XML part is well-formed and which reads again.
 *
 *   npm run build:cli && node dist/scripts/fuzz-xlsx.js [count=2000] [seed=1]
 *
 * test/xlsx-corpus/fuzz.test.ts runs a few hundred of the same mutants in `npm test`.
 */
import { benchWorkbook, rng } from "./bench-workbooks";
import { analyzeWorkbook, planFill } from "../src/engine";
import { XlsxWorkbook } from "../src/workbook/xlsx/adapter";
import { WorkbookFileError } from "../src/workbook/xlsx/errors";
import "../src/workbook/xlsx/files";
import { inflateEntry, readZip, writeZip } from "../src/workbook/xlsx/zip";
import { decodeXmlBytes, parseXml } from "../src/workbook/xlsx/xmldoc";

const TOKENS = [
  "<", ">", "/>", "</c>", "</row>", '<row r="3">', '<c r="B2" t="s"><v>0</v></c>', '<c r="A1" t="inlineStr"><is><t>x</t></is></c>',
  "&", "&amp;", "&#0;", "&#x110000;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->", '"', "'", "<!DOCTYPE x>", "\u0000", "\uFFFF",
  "\uD83D", "😀", ' r="A1"', ' r=\'Z9\'', ' xmlns:x="urn:x"', "<x:c/>", "<?pi x?>", '<mergeCell ref="A1:XFD1048576"/>', '<v>1e400</v>', '<v>NaN</v>',
  '<f t="shared" si="0"/>', '<f t="array" ref="A1:B2">1</f>', "\r\n", " ", "<rPh>", '<sheet name="x" sheetId="9" r:id="rId99"/>',
];

export interface Mutant {
  label: string;
  bytes: Uint8Array;
}

/** Mutant number `k` of a workbook (deterministic for a seed). */
export function mutant(parts: Map<string, Uint8Array>, k: number, seed: number): Mutant {
  const rand = rng(seed * 1_000_003 + k);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const names = [...parts.keys()];
  const kind = Math.floor(rand() * 8);
  if (kind >= 6) {
    // bytes of the ZIP itself (stored or deflated)
    const zip = writeZip([...parts].map(([name, content]) => ({ name, content })));
    const b = new Uint8Array(zip);
    const n = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) b[Math.floor(rand() * b.length)] ^= 1 + Math.floor(rand() * 255);
    const cut = rand() < 0.2 ? Math.floor(rand() * b.length) : b.length;
    return { label: `zip bytes ×${n}${cut < b.length ? `, cut at ${cut}` : ""}`, bytes: b.subarray(0, cut) };
  }
  const xmlNames = names.filter((n) => /\.(xml|rels)$/.test(n));
  const name = pick(xmlNames);
  let text = new TextDecoder().decode(parts.get(name)!);
  const at = () => Math.floor(rand() * (text.length + 1));
  let label = "";
  switch (kind) {
    case 0: {
      const a = at(), len = Math.floor(rand() * 40);
      label = `delete ${len} at ${a}`;
      text = text.slice(0, a) + text.slice(a + len);
      break;
    }
    case 1: {
      const a = at(), tok = pick(TOKENS);
      label = `insert ${JSON.stringify(tok)} at ${a}`;
      text = text.slice(0, a) + tok + text.slice(a);
      break;
    }
    case 2: {
      const a = at(), len = Math.floor(rand() * 200);
      label = `duplicate ${len} at ${a}`;
      text = text.slice(0, a + len) + text.slice(a, a + len) + text.slice(a + len);
      break;
    }
    case 3: {
      label = "quotes swapped";
      text = text.replace(/"([^"']*)"/g, (m, v: string) => (rand() < 0.5 ? `'${v}'` : m));
      break;
    }
    case 4: {
      const a = at();
      label = `cut at ${a}`;
      text = text.slice(0, a);
      break;
    }
    default: {
      const a = at(), rep = 1 + Math.floor(rand() * 5000), tok = pick(TOKENS);
      label = `${rep} × ${JSON.stringify(tok)} at ${a}`;
      text = text.slice(0, a) + tok.repeat(rep) + text.slice(a);
    }
  }
  const out = new Map(parts);
  out.set(name, new TextEncoder().encode(text));
  return { label: `${name}: ${label}`, bytes: writeZip([...out].map(([n, content]) => ({ name: n, content }))) };
}

export type Outcome = { kind: "refused"; code: string } | { kind: "written"; changed: number };

/** Read, check, fill and write one mutant; throws (a bug) unless refused or sound. */
export async function runMutant(bytes: Uint8Array): Promise<Outcome> {
  try {
    const wb = XlsxWorkbook.fromBuffer(bytes, "mutant.xlsx");
    const snap = await wb.readSnapshot();
    analyzeWorkbook(snap);
    const plan = planFill(snap);
    await wb.applyEdits(plan.batch);
    const out = await wb.toBuffer();
    const input = new Map(readZip(bytes).map((e) => [e.name, e]));
    for (const e of readZip(out)) {
      if (!/\.(xml|rels)$/.test(e.name)) continue;
      // a part copied as it was (compressed bytes untouched) is the user's own, not our output
      if (input.get(e.name)?.data === e.data || sameBytes(input.get(e.name)?.data, e.data)) continue;
      const bytesOut = inflateEntry(e);
      parseXml(decodeXmlBytes(bytesOut).text); // throws XmlError: a bug (written broken)
    }
    await XlsxWorkbook.fromBuffer(out, "again.xlsx").readSnapshot();
    return { kind: "written", changed: plan.batch.cells.length };
  } catch (e) {
    if (e instanceof WorkbookFileError && e.code !== "file.internal") return { kind: "refused", code: e.code };
    throw e;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function basePartsForFuzz(i = 5): Promise<Map<string, Uint8Array>> {
  const bytes = new Uint8Array((await benchWorkbook(i)).buffer);
  return new Map(readZip(bytes).map((e) => [e.name, inflateEntry(e)]));
}

async function cli(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const seed = Number(process.argv[3] ?? 1);
  const parts = await basePartsForFuzz();
  const codes = new Map<string, number>();
  let worst = 0;
  let bugs = 0;
  for (let k = 0; k < count; k++) {
    const m = mutant(parts, k, seed);
    const t0 = Date.now();
    try {
      const r = await runMutant(m.bytes);
      const key = r.kind === "refused" ? r.code : "written";
      codes.set(key, (codes.get(key) ?? 0) + 1);
    } catch (e) {
      bugs++;
      console.log(`BUG mutant ${k} (${m.label}): ${e instanceof Error ? e.stack : String(e)}`);
    }
    const ms = Date.now() - t0;
    if (ms > worst) worst = ms;
    if (ms > 5000) {
      bugs++;
      console.log(`SLOW mutant ${k} (${m.label}): ${ms} ms`);
    }
  }
  console.log(JSON.stringify({ count, seed, bugs, slowestMs: worst, outcomes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])) }));
  process.exitCode = bugs ? 1 : 0;
}

if (require.main === module) void cli();

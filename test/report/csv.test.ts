import { buildCsvReport, csvField } from "../../src/engine/report";
import { broken, chofu, clean, XSS } from "./fixtures";

/** A strict RFC 4180 parser (for checking what we write). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true; i++; continue;
    }
    if (c === ",") { row.push(field); field = ""; i++; continue; }
    if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i += 2; continue; }
    if (c === "\n" || c === "\r") throw new Error(`bare line break at ${i}`);
    field += c; i++;
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe("CSV report", () => {
  test("RFC 4180 quoting of comma, quote and newline", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(0.898)).toBe("0.898");
    expect(csvField(null)).toBe("");
  });

  test("a text that Excel would run as a formula is neutralised, a negative number is not", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-5")).toBe("-5");
    expect(csvField("－")).toBe("－");
  });

  test("UTF-8 BOM, header row, one row per finding and per unreadable file", () => {
    const tricky = chofu();
    tricky.issues.push({
      rule: "required-empty", severity: "info", sheet: "進捗状況", cell: "E6",
      message: '説明に "引用", 読点,\n改行を含む', expected: null, actual: "a,\"b\"\r\nc",
    });
    const csv = buildCsvReport([tricky, broken(), clean()], { locale: "ja" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(["ファイル", "シート", "セル", "重大度", "ID", "ルール", "内容", "照合値", "記入値"]);
    expect(rows).toHaveLength(1 + 4 + 1); // 4 findings of chofu + the broken file (clean has none)
    for (const r of rows) expect(r).toHaveLength(9);
    const g23 = rows.find((r) => r[2] === "G23")!;
    expect(g23).toEqual(["06_地域福祉.xlsx", "マネジメントシート", "G23", "エラー", "trend-mark-mismatch", "指標の推移が計算と異なる", "指標の推移が計算結果と異なります（記入: ○、計算: ▼）。", "▼", "○"]);
    const e6 = rows.find((r) => r[2] === "E6")!;
    expect(e6[6]).toBe('説明に "引用", 読点,\n改行を含む');
    expect(e6[8]).toBe('a,"b"\r\nc');
    const d5 = rows.find((r) => r[2] === "D5")!;
    expect(d5[8]).toBe(XSS);
    const br = rows.find((r) => r[4] === "file-error")!;
    expect(br[0]).toBe("壊れた,ファイル.xlsx");
    expect(br[3]).toBe("エラー");
    expect(br[6]).toContain("end of central directory not found");
    expect(rows.find((r) => r[2] === "I22")![7]).toBe("0.898");
  });

  test("English header", () => {
    const rows = parseCsv(buildCsvReport([chofu()], { locale: "en" }).slice(1));
    expect(rows[0][0]).toBe("File");
    expect(rows[1][3]).toBe("Error");
  });
});

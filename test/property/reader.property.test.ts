/**
 * Properties of the cell reader (src/engine/cell/read.ts): whatever text a cell holds, the reader
 * answers without throwing, never invents a number, reads full-width and half-width spellings
 * alike, and reads numbers, units, missing values and 和暦 years as the seeds write them.
 */
import fc from "fast-check";
import { isMissingText, normalizeForReading, normalizeText, parseNumber, parseYear, readValueCell, type CellReading } from "../../src/engine";
import {
  anyText,
  digitsToFullWidth,
  hasWrittenDigit,
  reiwaYear,
  RUNS,
  textWithoutDigits,
  tokenSoup,
  toFullWidth,
  UNITS,
  withSeparators,
  writtenNumber,
} from "./arbitraries";

/** A reading without the raw text (which keeps the cell's own spelling). */
function meaning(r: CellReading): Omit<CellReading, "text"> {
  const { text: _text, ...rest } = r;
  void _text;
  return rest;
}

const run = (p: fc.IProperty<never> | fc.IProperty<any>) => fc.assert(p, { numRuns: RUNS });

describe("cell reader: any text", () => {
  test("never throws, and every reading is well-formed", () => {
    run(
      fc.property(fc.oneof(anyText, tokenSoup), (s) => {
        const r = readValueCell(s);
        expect(["empty", "missing", "error", "number", "qualitative", "text"]).toContain(r.kind);
        if (r.kind === "number") {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(Object.is(r.value, -0)).toBe(false);
        }
        if ("year" in r && r.year !== null) expect(Number.isInteger(r.year)).toBe(true);
        const n = parseNumber(s);
        if (n) expect(Number.isFinite(n.value)).toBe(true);
        const y = parseYear(s);
        if (y !== null) expect(Number.isInteger(y)).toBe(true);
        expect(typeof normalizeText(s)).toBe("string");
        expect(typeof isMissingText(s)).toBe("boolean");
      }),
    );
  });

  test("normalizeText is idempotent", () => {
    run(
      fc.property(anyText, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });

  test("surrounding spaces (half- or full-width) and reading the normalized text change nothing", () => {
    const pad = fc.constantFrom("", " ", "\u3000", "  ", "\t", "\n", "\r\n");
    run(
      fc.property(fc.oneof(anyText, tokenSoup), pad, pad, (s, a, b) => {
        expect(meaning(readValueCell(a + s + b))).toEqual(meaning(readValueCell(s)));
        expect(meaning(readValueCell(normalizeForReading(s)))).toEqual(meaning(readValueCell(s)));
        expect(parseNumber(normalizeForReading(s))).toEqual(parseNumber(s));
      }),
    );
  });

  test("never a number from text with no digits (ASCII or full-width)", () => {
    run(
      fc.property(textWithoutDigits, (s) => {
        expect(hasWrittenDigit(s)).toBe(false);
        expect(readValueCell(s).kind).not.toBe("number");
        expect(parseNumber(s)).toBeNull();
      }),
    );
  });

  test("enclosed and superscript digits (① ⑴ ⒈ ² ㉑) are list marks, not numbers", () => {
    // NFKC turns ① into 1: the seeds number their lists ①②③, so a cell "①" must not read as 1
    const marks = fc.constantFrom("①", "②", "⑳", "⑴", "⒈", "²", "³", "₂", "㉑", "㊿", "❶", "➀", "㋀", "㏠", "㍘");
    run(
      fc.property(marks, fc.constantFrom("", "件", "人", "%"), (m, unit) => {
        expect(readValueCell(m + unit).kind).not.toBe("number");
        expect(parseNumber(m + unit)).toBeNull();
      }),
    );
    // … while a real number beside a list mark is still not taken for a different one
    expect(readValueCell("①5件").kind).not.toBe("number");
  });

  test("full-width and half-width spellings read the same", () => {
    run(
      fc.property(fc.oneof(anyText, tokenSoup, tokenSoup), (s) => {
        expect(meaning(readValueCell(toFullWidth(s)))).toEqual(meaning(readValueCell(s)));
        expect(meaning(readValueCell(digitsToFullWidth(s)))).toEqual(meaning(readValueCell(s)));
        expect(parseNumber(toFullWidth(s))).toEqual(parseNumber(s));
        expect(parseYear(toFullWidth(s))).toBe(parseYear(s));
        expect(isMissingText(toFullWidth(s))).toBe(isMissingText(s));
      }),
    );
  });
});

describe("cell reader: numbers", () => {
  test("thousands separators: 1,440 = １，４４０ = 1440", () => {
    run(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), fc.option(fc.constantFrom(...UNITS), { nil: null }), (n, unit) => {
        const u = unit ?? "";
        const spellings = [String(n), withSeparators(String(n)), toFullWidth(withSeparators(String(n))), digitsToFullWidth(withSeparators(String(n)))];
        for (const sp of spellings) {
          const r = readValueCell(sp + u);
          expect(r).toMatchObject({ kind: "number", value: n, unit });
        }
      }),
    );
  });

  test("a number written with or without separators, full-width or not, with a unit, reads back the same value and unit", () => {
    run(
      fc.property(writtenNumber, ({ text, value, unit }) => {
        const r = readValueCell(text);
        expect(r.kind).toBe("number");
        if (r.kind !== "number") return;
        expect(r.value).toBe(value);
        expect(r.unit).toBe(unit);
        expect(r.year).toBeNull();
        expect(parseNumber(text)).toMatchObject({ value, unit });
      }),
    );
  });

  test("area and volume units written as one character (㎡ ㎥) or with a superscript (m²) keep their unit", () => {
    run(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.constantFrom("㎡", "㎥", "㎢", "m²", "m³", "km²"), fc.boolean(), (n, unit, full) => {
        const digits = withSeparators(String(n));
        const text = (full ? toFullWidth(digits) : digits) + unit;
        expect(readValueCell(text)).toMatchObject({ kind: "number", value: n, unit });
      }),
    );
  });

  test("a number cell (not text) reads as itself", () => {
    run(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = readValueCell(x);
        expect(r).toMatchObject({ kind: "number", value: x, numberAsText: false });
      }),
    );
  });

  test("△ and ▲ are minus signs", () => {
    run(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom("△", "▲"), fc.option(fc.constantFrom(...UNITS), { nil: null }), fc.boolean(), (n, sign, unit, full) => {
        let text = sign + withSeparators(String(n)) + (unit ?? "");
        if (full) text = toFullWidth(text);
        expect(readValueCell(text)).toMatchObject({ kind: "number", value: -n, unit });
        expect(parseNumber(text)).toMatchObject({ value: -n, unit });
      }),
    );
  });
});

describe("cell reader: missing values", () => {
  const spelling = fc.constantFrom(
    "－", "―", "‐", "-", "—", "ー", "−", "–", "‒", "－－", "--", "---",
    "未把握", "調査未実施", "",
    "令和8年度以降に記載予定",
    "令和８年度に新たに策定するため、令和８年度以降に記載予定",
    "…記載予定",
  );
  const pad = fc.constantFrom("", " ", "\u3000", "  ", "\n");

  test("missing-value spellings are never numbers (and are read as missing)", () => {
    run(
      fc.property(spelling, pad, pad, (s, a, b) => {
        const text = a + s + b;
        const r = readValueCell(text);
        expect(r.kind === "missing" || r.kind === "empty").toBe(true);
        expect(isMissingText(text)).toBe(true);
        expect(parseNumber(text)).toBeNull();
      }),
    );
  });

  test("… also with any text before 記載予定, and beside a year", () => {
    run(
      fc.property(anyText, reiwaYear, (prefix, y) => {
        expect(readValueCell(prefix.replace(/\n/g, "") + "記載予定").kind).not.toBe("number");
        const r = readValueCell(`－（令和${y}年度）`);
        expect(r).toMatchObject({ kind: "missing", year: 2018 + y });
      }),
    );
  });
});

describe("cell reader: years", () => {
  const yearText = (y: number) => (y === 1 ? "元" : String(y));

  test("令和Y年度 = 2018+Y, 令和元年度 = 2019, full-width or not, with R/Ｒ", () => {
    run(
      fc.property(reiwaYear, fc.boolean(), (y, full) => {
        const w = (s: string) => (full ? toFullWidth(s) : s);
        expect(parseYear(w(`令和${yearText(y)}年度`))).toBe(2018 + y);
        expect(parseYear(w(`令和${y}年度`))).toBe(2018 + y);
        expect(parseYear(w(`R${y}`))).toBe(2018 + y);
        expect(parseYear(w(`R${yearText(y)}年度`))).toBe(2018 + y);
      }),
    );
    expect(parseYear("令和元年度")).toBe(2019);
  });

  test("平成Y = 1988+Y", () => {
    run(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.boolean(), fc.constantFrom("年度", "年"), (y, full, suffix) => {
        const t = `平成${y === 1 && full ? "元" : y}${suffix}`;
        expect(parseYear(full ? toFullWidth(t) : t)).toBe(1988 + y);
      }),
    );
  });

  test("令和Y(西暦)年度 = the western year", () => {
    run(
      fc.property(reiwaYear, fc.boolean(), fc.boolean(), (y, full, wideBrackets) => {
        let t = `令和${y}(${2018 + y})年度`;
        if (full) t = toFullWidth(t);
        if (wideBrackets) t = t.replace("(", "（").replace(")", "）");
        expect(parseYear(t)).toBe(2018 + y);
      }),
    );
    expect(parseYear("令和６(2024)年度")).toBe(2024);
  });

  test("value and year in one cell: N件（令和Y年度）, N\\n令和Y年度, N%(R Y)", () => {
    const layout = fc.constantFrom(
      (n: string, u: string, y: string) => `${n}${u}（令和${y}年度）`,
      (n: string, u: string, y: string) => `${n}${u}(令和${y}年度)`,
      (n: string, u: string, y: string) => `${n}${u}\n令和${y}年度`,
      (n: string, u: string, y: string) => `${n}${u}\r\n（令和${y}年度）`,
      (n: string, u: string, y: string) => `${n}${u}(R ${y})`,
      (n: string, u: string, y: string) => `${n}${u}（R${y}）`,
      (n: string, u: string, y: string) => `${n}${u} 令和${y}年度`,
      (n: string, u: string, y: string) => `${n}${u} (令和${y}年度)`,
      (n: string, u: string, y: string) => `${n}${u}　（令和${y}年度）`,
    );
    run(
      fc.property(
        writtenNumber,
        reiwaYear,
        layout,
        fc.boolean(),
        ({ text, value, unit }, y, fmt, full) => {
          const yy = full ? toFullWidth(String(y)) : String(y);
          const cell = fmt(text, "", yy);
          const r = readValueCell(cell);
          expect(r).toMatchObject({ kind: "number", value, unit, year: 2018 + y, numberAsText: false });
        },
      ),
    );
  });

  test("a prefix word and a year: 年4回 (令和11年度) → 4 回, 2029", () => {
    run(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom("年", "約", "延べ", "年間"), fc.constantFrom("回", "件", "人"), reiwaYear, fc.boolean(), (n, prefix, unit, y, full) => {
        let t = `${prefix}${withSeparators(String(n))}${unit} (令和${y}年度)`;
        if (full) t = toFullWidth(t);
        expect(readValueCell(t)).toMatchObject({ kind: "number", value: n, unit, year: 2018 + y });
      }),
    );
  });

  test("value and year with 元: 577件（令和元年度） → 577, 2019", () => {
    run(
      fc.property(fc.integer({ min: 0, max: 99999 }), fc.constantFrom(...UNITS), fc.boolean(), (n, unit, full) => {
        let t = `${withSeparators(String(n))}${unit}（令和元年度）`;
        if (full) t = toFullWidth(t);
        expect(readValueCell(t)).toMatchObject({ kind: "number", value: n, unit, year: 2019 });
      }),
    );
  });

  test("qualitative targets with a year: 上昇/減少/維持（令和Y年度）", () => {
    run(
      fc.property(fc.constantFrom("上昇", "減少", "維持"), reiwaYear, fc.boolean(), (q, y, full) => {
        let t = `${q}（令和${y}年度）`;
        if (full) t = toFullWidth(t);
        expect(readValueCell(t)).toMatchObject({ kind: "qualitative", qualitative: q, year: 2018 + y });
      }),
    );
  });
});

/** Shared generators and helpers of the property tests (fast-check 4). */
import fc from "fast-check";

/**
 * Runs per property: bounded so the folder stays well under 20 s on a shared 2-core machine.
 * PROPERTY_RUNS=2000 npx jest test/property hunts longer.
 */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

/** Full-width spelling of the ASCII characters a sheet may type full-width. */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z,.%()+\-:/]/g, (ch) => {
    if (ch === "-") return "－";
    return String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
  });
}

/** Full-width spelling of the digits only (a common mixture: `１，４４０` with ASCII `%`). */
export function digitsToFullWidth(s: string): string {
  return s.replace(/[0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/** Thousands separators: 1440 → "1,440". */
export function withSeparators(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Does the text hold a digit as written (ASCII 0-9 or full-width ０-９)? */
export function hasWrittenDigit(s: string): boolean {
  return /[0-9０-９]/.test(s);
}

/** Characters a cell's text is made of, weighted towards the ones the reader cares about. */
const INTERESTING = [
  ..."0123456789０１２３４５６７８９",
  ..."，,．.%％()（）[]［］+-＋－△▲",
  ..."−―‐‑‒–—ーｰ~〜…・、。：:",
  ..." \u3000\t\n\r\u00a0",
  ..."件人回箇所団体P点円年度月日時点現在末実績約計延べ以降に記載予定未把握調査未実施上昇減少維持",
  ..."令和平成昭和元RHSrhsFY",
  ..."①②③⑴⒈²³₂㉑㋀㏠㍘㎡㎥㍻㋿〇一二三十",
  ..."#DIV/0!NAREF",
  ..."\u0000\ud800\udfff\ufffd\ue000",
];

export const interestingChar = fc.constantFrom(...INTERESTING);

/** Any string: full Unicode (lone surrogates included) mixed with the interesting characters. */
export const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: interestingChar, maxLength: 30 }),
  fc.string({ unit: fc.oneof(interestingChar, fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 40 }),
);

/** A string with no digit as written (neither ASCII nor full-width), possibly with lookalikes. */
export const textWithoutDigits = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(...INTERESTING.filter((c) => !hasWrittenDigit(c))),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !hasWrittenDigit(c)),
    ),
    maxLength: 30,
  });

export const UNITS = ["件", "人", "回", "箇所", "%", "P", "団体"] as const;

/** A number as a sheet writes it, with the value it stands for. */
export interface WrittenNumber {
  text: string;
  value: number;
  unit: string | null;
}

export const writtenNumber: fc.Arbitrary<WrittenNumber> = fc
  .record({
    int: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99_999_999 })),
    decimals: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: null }),
    separators: fc.boolean(),
    sign: fc.constantFrom("", "", "", "△", "▲", "-"),
    unit: fc.option(fc.constantFrom(...UNITS), { nil: null }),
    width: fc.constantFrom("half", "full", "digits"),
    space: fc.constantFrom("", "", " "),
  })
  .map(({ int, decimals, separators, sign, unit, width, space }) => {
    const intText = separators ? withSeparators(String(int)) : String(int);
    const body = intText + (decimals !== null ? "." + decimals : "");
    let text = sign + body + (unit ? space + unit : "");
    if (width === "full") text = toFullWidth(text);
    else if (width === "digits") text = digitsToFullWidth(text);
    const abs = Number(String(int) + (decimals !== null ? "." + decimals : ""));
    const value = sign && abs !== 0 ? -abs : abs;
    return { text, value, unit };
  });

/** Text made of the pieces cells are made of (numbers, units, brackets, era names, years, line breaks). */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      writtenNumber.map((w) => w.text),
      fc.constantFrom(...UNITS, "年", "年度", "令和", "平成", "元", "R", "H", "FY", "（", "）", "(", ")", "\n", " ", "　", "△", "－", "-", "ー", "%", "約", "未把握", "記載予定", "上昇", "減少", "維持", "①", "㎡", "※"),
      fc.integer({ min: 0, max: 40 }).map(String),
      fc.integer({ min: 1980, max: 2040 }).map(String),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/** Reiwa year number as written: 元 for 1, else the digits (half- or full-width). */
export const reiwaYear = fc.integer({ min: 1, max: 30 });

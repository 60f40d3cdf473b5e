/**
 * Reading the text of a cell as Japanese municipal sheets write it: full-width digits and
 * separators, dashes of every kind, units in the cell, 和暦 years, missing-value words,
 * qualitative targets (上昇 / 減少 / 維持), value and year in one cell.
 */
import type { CellValue } from "../model/snapshot";
import type { Qualitative } from "../model/indicator";
import { memoByText } from "./memo";

/** Dash-like characters that mean "minus" or "missing". U+30FC ー only when standing alone. */
const DASHES = /[\u2212\u2015\u2010\u2011\u2012\u2013\u2014\uFF0D\uFE63\uFE58]/g;
const DASH_SET = new Set([0x2212, 0x2015, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0xff0d, 0xfe63, 0xfe58]);

// Texts are read many times while a sheet is analysed (every rule looks at the same cells), and
// headers, units, marks and years repeat across sheets: normalizeText, compactText and the readings of
// readValueCell keep their answers for short texts (memoByText). Long texts (考察, 説明) are each
// written once: only the last few are kept, for the rules that ask about them in a row.

/**
 * NFKC plus explicit dash mapping: every dash becomes ASCII "-". Full-width digits, letters,
 * commas, parentheses and % become ASCII. Line breaks are kept; other runs of spaces become one.
 */
export const normalizeText: (input: string) => string = memoByText(normalizeUncached);

/**
 * Characters NFKC leaves as they are and that never combine with a neighbour: ASCII, kana (without the
 * voiced-sound marks), the CJK ideographs, Japanese punctuation and brackets, arrows, shapes and
 * symbols used as marks (checked against String.prototype.normalize when the module loads, except the
 * ideographs, which have no decompositions). Full-width ASCII (！–～) and the ideographic space map to
 * ASCII as NFKC maps them.
 */
const STABLE = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x80; c++) t[c] = 1;
  for (let c = 0x4e00; c <= 0x9fff; c++) t[c] = 1;
  const ranges: [number, number][] = [
    [0x3001, 0x3002], [0x3005, 0x3007], [0x3008, 0x3011], [0x3014, 0x301c], [0x3041, 0x3096], [0x309d, 0x309e],
    [0x30a1, 0x30fe], [0x203b, 0x203b], [0x2190, 0x21ff], [0x25a0, 0x25ff], [0x2600, 0x26ff], [0x2713, 0x2714],
  ];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize("NFKC") === ch && !DASH_SET.has(c)) t[c] = 1;
    }
  }
  return t;
})();

/**
 * normalizeText's result without String.prototype.normalize for a text made only of STABLE
 * characters, full-width ASCII and spaces (most cells of a Japanese sheet); null for any other text.
 * Same result as the general path (a test compares them on random texts).
 */
function normalizeFast(input: string): string | null {
  const n = input.length;
  let out = "";
  let start = 0; // start of the run of characters copied as they are
  let changed = false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000) {
      // a run of spaces becomes one space
      if (prevSpace || c !== 0x20) {
        out += input.slice(start, i) + (prevSpace ? "" : " ");
        start = i + 1;
        changed = true;
      }
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c === 0x0d) {
      out += input.slice(start, i) + "\n";
      if (i + 1 < n && input.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
      changed = true;
    } else if (c >= 0xff01 && c <= 0xff5e) {
      out += input.slice(start, i) + String.fromCharCode(c - 0xfee0);
      start = i + 1;
      changed = true;
    } else if (STABLE[c] !== 1) return null;
  }
  const s = changed ? out + input.slice(start) : input;
  const trimmed = s.trim();
  return trimmed === "\u30FC" ? "-" : trimmed;
}

function normalizeUncached(input: string): string {
  if (/^[\x21-\x7e]*$/.test(input)) return input; // plain ASCII without spaces: nothing to do
  const fast = normalizeFast(input);
  if (fast !== null) return fast;
  return normalizeGeneral(input);
}

/** The general path (exported for the test that compares it with the fast one). */
export function normalizeGeneral(input: string): string {
  let s = input.normalize("NFKC").replace(DASHES, "-");
  s = s.replace(/\r\n?/g, "\n").replace(/[ \t\u00A0\u3000]+/g, " ");
  if (/^\s*\u30FC\s*$/.test(s)) s = "-";
  return s.trim();
}

/**
 * Characters that NFKC turns into digits although they are not written as digits: list marks
 * (① ⑴ ⒈ ❶ ㉑), superscripts and subscripts (² ₂), squared units (㎡ ㏠ ㋀). The seeds number their
 * lists ①②③, so a cell "①" is a mark, not the number 1, and "①5件" is not 15.
 */
const NOT_PLAIN = /[^\u0000-\u007F\u3040-\u30FF\u4E00-\u9FFF\uFF10-\uFF19]/gu;
const NOT_PLAIN_ONE = /[^\u0000-\u007F\u3040-\u30FF\u4E00-\u9FFF\uFF10-\uFF19]/u;
const PUA_FIRST = 0xe000;
const PUA_SIZE = 0x1900;

/**
 * normalizeText for reading numbers: like normalizeText, but characters that NFKC would turn into
 * digits (see NOT_PLAIN) are kept as written, so they never become part of a number
 * (`1,200㎡` → "1,200㎡", a number with the unit ㎡; `①` stays `①`).
 */
export function normalizeForReading(input: string): string {
  // nothing outside ASCII, kana, the ideographs and full-width digits: nothing to keep apart
  if (!NOT_PLAIN_ONE.test(input)) return normalizeText(input);
  const kept: string[] = [];
  const slots = new Map<string, string>();
  const masked = input.replace(NOT_PLAIN, (ch) => {
    const pua = ch.length === 1 && ch.charCodeAt(0) >= PUA_FIRST && ch.charCodeAt(0) < PUA_FIRST + PUA_SIZE;
    if (!pua && !/[0-9]/.test(ch.normalize("NFKC"))) return ch;
    let slot = slots.get(ch);
    if (slot === undefined) {
      if (kept.length >= PUA_SIZE) return "\uFFFD";
      slot = String.fromCharCode(PUA_FIRST + kept.length);
      kept.push(ch);
      slots.set(ch, slot);
    }
    return slot;
  });
  const s = normalizeText(masked);
  if (kept.length === 0) return s;
  return s.replace(/[\uE000-\uF8FF]/g, (p) => kept[p.charCodeAt(0) - PUA_FIRST] ?? p);
}

/** Text without any white space or line breaks (for comparing header and item texts). */
export const compactText: (input: string) => string = memoByText((input) => normalizeText(input).replace(/\s+/g, ""));

/** A cell value as display text (numbers as written by JS; errors as their code). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.error;
}

const MISSING_WORDS = [
  "未把握",
  "調査未実施",
  "未実施",
  "未集計",
  "集計中",
  "算出中",
  "未定",
  "該当なし",
  "なし",
  "n/a",
  "na",
  "...",
  "…",
  "-",
  "--",
  "---",
  "*",
];

/** True when the text means "no value" (never 0). */
export function isMissingText(text: string): boolean {
  const s = normalizeText(text).toLowerCase();
  if (s === "") return true;
  if (MISSING_WORDS.includes(s)) return true;
  if (/^-+$/.test(s)) return true;
  if (/記載予定|把握予定|策定予定|設定予定|調査予定|集計予定|未把握|調査未実施|未実施のため|算出不可/.test(s)) return true;
  return false;
}

export interface Era {
  name: string;
  start: number; // western year of 元年 minus 1
}
const ERAS: Record<string, number> = {
  令和: 2018,
  平成: 1988,
  昭和: 1925,
  r: 2018,
  h: 1988,
  s: 1925,
};

/** Year expression at a given position; returns the western (fiscal) year. */
const YEAR_RE =
  /(令和|平成|昭和)\s*(元|\d{1,2})\s*(?:\(\s*(\d{4})\s*\))?\s*年度?|(?<![A-Za-z])([RHS])\s*(元|\d{1,2})(?:\s*\(\s*(\d{4})\s*\))?\s*(?:年度?)?(?![A-Za-z\d])|(?<!\d)((?:19|20)\d{2})\s*年度?|FY\s*((?:19|20)\d{2})/i;

/**
 * The first year expression in the text as a western fiscal year: 令和6年度 → 2024, 令和元年度 → 2019,
 * 令和６(2024)年度 → 2024, R6 → 2024, 平成30年度 → 2018, 2024年度 → 2024. Null when none.
 */
export function parseYear(text: string): number | null {
  const m = findYear(normalizeText(text));
  return m ? m.year : null;
}

export function findYear(s: string): { year: number; index: number; length: number } | null {
  const m = YEAR_RE.exec(s);
  if (!m) return null;
  let year: number | null = null;
  if (m[1]) {
    const n = m[2] === "元" ? 1 : Number(m[2]);
    year = ERAS[m[1]] + n;
    if (m[3]) year = Number(m[3]);
  } else if (m[4]) {
    const n = m[5] === "元" ? 1 : Number(m[5]);
    year = ERAS[m[4].toLowerCase()] + n;
    if (m[6]) year = Number(m[6]);
  } else if (m[7]) {
    year = Number(m[7]);
  } else if (m[8]) {
    year = Number(m[8]);
  }
  if (year === null) return null;
  return { year, index: m.index, length: m[0].length };
}

/** Qualitative target words. */
export function parseQualitative(text: string): Qualitative | null {
  const s = compactText(text).replace(/[()（）]/g, "");
  if (/^(上昇|増加|向上|増|延伸|拡大|増進|拡充)$/.test(s)) return "上昇";
  if (/^(減少|低下|減|抑制|低減|削減|縮小)$/.test(s)) return "減少";
  if (/^(維持|現状維持|維持・向上)$/.test(s)) return s === "維持・向上" ? "上昇" : "維持";
  return null;
}

export interface NumberReading {
  value: number;
  unit: string | null;
  /** The number was written with a prefix word such as 年 (年4回) or 約. */
  prefix: string | null;
}

const NUMBER_RE = /^([^\d\s+\-.△▲]{0,4}?)\s*([+\-△▲]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([^\d]{0,8})$/;
const ALLOWED_PREFIX = /^(年|年間|月|月間|週|日|約|計|累計|合計|延べ|延|最大|最小|平均)?$/;

/**
 * A number as written in a cell: `１，４４０件` → 1440 件, `25.6%` → 25.6 %, `△5` → −5, `年4回` → 4 回,
 * `4,850P` → 4850 P. Null when the text is not one number (with at most a unit and a prefix word).
 */
export function parseNumber(text: string): NumberReading | null {
  const s = normalizeForReading(text).replace(/\n/g, " ").trim();
  if (!/\d/.test(s)) return null;
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const prefix = m[1].trim();
  if (!ALLOWED_PREFIX.test(prefix)) return null;
  const unit = m[5].trim();
  if (unit && !/^[^\s\d()]{1,8}$/.test(unit)) return null;
  if (/[年度]$/.test(unit) && !/^(人|件|回|箇所|か所|ヶ所|団体|施設)/.test(unit)) {
    // "2024年度" is a year, not a number with a unit
    if (/^年度?$/.test(unit)) return null;
  }
  const digits = m[3].replace(/,/g, "") + (m[4] ?? "");
  let value = Number(digits);
  if (!Number.isFinite(value)) return null;
  if (m[2] === "-" || m[2] === "△" || m[2] === "▲") value = -value;
  if (Object.is(value, -0)) value = 0;
  return { value, unit: unit || null, prefix: prefix || null };
}

export type CellReading =
  | { kind: "empty"; text: "" }
  | { kind: "missing"; text: string; year: number | null }
  | { kind: "error"; text: string; error: string }
  | {
      kind: "number";
      text: string;
      value: number;
      unit: string | null;
      year: number | null;
      /** The cell holds text that is only a number (no unit, no year): "number stored as text". */
      numberAsText: boolean;
      /** The number carries a note (※1, （暫定値）, （見込）): read, and the note is kept in `text`. */
      annotated?: boolean;
    }
  | { kind: "qualitative"; text: string; qualitative: Qualitative; year: number | null }
  | { kind: "text"; text: string; year: number | null };

/** Notes written after a number: ※1, （暫定値）, (見込), （速報）, （概数）, （推計）. */
const ANNOTATION = /\s*(?:※\s*\d*|\*\d*|[(（]\s*(?:暫定値?|見込み?値?|速報値?|概数|推計値?|概算|予定|参考値?|注\s*\d*|※\s*\d*)\s*[)）])\s*$/;

/**
 * Read a value cell: a number with unit and year, a qualitative word, a missing value, an error,
 * or other text. `348\n令和3年度`, `86%（令和7年度）`, `上昇（令和13年度）`, `年4回（令和11年度）`.
 */
export function readValueCell(v: CellValue): CellReading {
  if (v === null || v === undefined || v === "") return { kind: "empty", text: "" };
  if (typeof v === "object") return { kind: "error", text: v.error, error: v.error };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "missing", text: String(v), year: null };
    return { kind: "number", text: String(v), value: v, unit: null, year: null, numberAsText: false };
  }
  if (typeof v === "boolean") return { kind: "text", text: String(v), year: null };
  // a reading depends on the text alone: kept (callers never change a reading, they copy it)
  return readingOf(v);
}

const readingOf = memoByText(readText);

/** Digits, with decimals or not (no sign, no separators): read as a number without the general tests. */
const PLAIN_NUMBER = /^\d{1,15}(?:\.\d{1,15})?$/;

function readText(raw: string): CellReading {
  return readTextWith(raw, true);
}

/** readText without its shortcut for plain numbers (for the test that compares the two). */
export function readTextGeneral(raw: string): CellReading {
  return readTextWith(raw, false);
}

function readTextWith(raw: string, shortcut: boolean): CellReading {
  const s = normalizeForReading(raw);
  if (s === "") return { kind: "empty", text: "" };
  if (/^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i.test(s)) {
    return { kind: "error", text: raw, error: s.toUpperCase() };
  }
  // Split off a year: "(令和3年度)", a second line "令和3年度", or a trailing year.
  let rest = s;
  let year: number | null = null;
  const y = findYear(s);
  if (y) {
    const before = s.slice(0, y.index);
    const after = s.slice(y.index + y.length);
    // The year must stand apart: in brackets, on its own line, or after white space.
    const open = /[(（[［]\s*$/.test(before);
    const close = /^\s*[)）\]］]/.test(after);
    const lineBreak = /\n\s*$/.test(before) || /^\s*\n/.test(after);
    const spaced = /\s$/.test(before) || before === "";
    if ((open && close) || lineBreak || (spaced && after.trim() === "") || (before.trim() !== "" && after.trim() === "" && /[\s)）]$/.test(before))) {
      year = y.year;
      rest = (before.replace(/[(（[［]\s*$/, "") + after.replace(/^\s*[)）\]］]/, "")).trim();
    } else if (before.trim() === "" && /^(\s*(時点|現在|実績|末))?\s*$/.test(after)) {
      // the whole cell is a year
      return { kind: "text", text: raw, year: y.year };
    }
  }
  if (rest === "" && year !== null) return { kind: "missing", text: raw, year };
  // `795`, `12.5` (the value of `795\n令和3年度` once its year is split off): no missing word, no
  // qualitative word, one number with nothing around it — what the tests below would find
  if (shortcut && PLAIN_NUMBER.test(rest)) return { kind: "number", text: raw, value: Number(rest), unit: null, year, numberAsText: year === null };
  if (isMissingText(rest)) return { kind: "missing", text: raw, year };
  const q = parseQualitative(rest);
  if (q) return { kind: "qualitative", text: raw, qualitative: q, year };
  const n = parseNumber(rest);
  if (n) {
    const numberAsText = year === null && /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(rest);
    return { kind: "number", text: raw, value: n.value, unit: n.unit, year, numberAsText };
  }
  // a number with a note: 404※1, 404（暫定値）, 356(見込), 1,200人（速報）
  const bare = rest.replace(ANNOTATION, "").trim();
  if (bare !== rest) {
    const m = parseNumber(bare);
    if (m) return { kind: "number", text: raw, value: m.value, unit: m.unit, year, numberAsText: false, annotated: true };
  }
  return { kind: "text", text: raw, year };
}

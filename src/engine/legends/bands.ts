/**
 * Grade legends by achievement bands, printed on the sheet and different between authorities:
 *   ※評価　Ａ：達成率100％以上　Ｂ：80％以上100％未満　Ｃ：50％以上80％未満　Ｄ：50％未満
 *   ◎：100%以上 ○：80%以上100%未満 △：80%未満
 * Full-width or half-width, any bands. A sheet's bands are its own.
 */
import { eachLongText, toA1 } from "../model/grid";
import type { SheetSnapshot } from "../model/snapshot";

export interface Band {
  /** The grade as the legend writes it (Ａ, ◎ …). */
  label: string;
  /** Lowest rate of the band, as a fraction (0.8 = 80%); null for the band below all others. */
  min: number | null;
}

export interface BandLegend {
  cell: string;
  row: number;
  col: number;
  text: string;
  /** Best first. */
  bands: Band[];
}

const NUM = "([0-9０-９]+(?:[.．][0-9０-９]+)?)";
const ITEM = new RegExp(
  `([^\\s\\u3000:：※、,，・「」()（）]{1,3}?)\\s*[:：]\\s*(?:達成率(?:が|は)?)?\\s*${NUM}\\s*[%％]\\s*(以上|超|未満|以下|を超える)?(?:\\s*[～〜~\\-－ー]?\\s*${NUM}\\s*[%％]\\s*(未満|以下))?`,
  "g",
);

function toNumber(s: string): number {
  return Number(s.normalize("NFKC"));
}

/** The bands a text defines, best first; null when it is not a band legend. */
export function parseBandLegend(text: string): Band[] | null {
  // every band is written `label：NUM%` (ITEM): no colon or no percent sign, no bands
  if (text.length > 400 || !/[%％]/.test(text) || !/[:：]/.test(text)) return null;
  const bands: Band[] = [];
  for (const m of text.matchAll(ITEM)) {
    const label = m[1].trim();
    if (!label || /^\d+$/.test(label.normalize("NFKC"))) continue;
    const n = toNumber(m[2]);
    const op = m[3] ?? (m[4] ? "以上" : null);
    if (op === "未満" || op === "以下") bands.push({ label, min: null });
    else if (op === "以上" || op === "超" || op === "を超える") bands.push({ label, min: n / 100 });
    else continue;
  }
  if (bands.length < 2) return null;
  if (bands.filter((b) => b.min === null).length > 1) return null;
  const mins = bands.filter((b) => b.min !== null).map((b) => b.min);
  if (new Set(mins).size !== mins.length) return null;
  const labels = bands.map((b) => b.label.normalize("NFKC"));
  if (new Set(labels).size !== labels.length) return null;
  return bands.sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
}

/** The band legends printed on a sheet. */
export function findBandLegends(sheet: SheetSnapshot): BandLegend[] {
  const out: BandLegend[] = [];
  eachLongText(sheet, (v, r, c) => {
    const legend = bandLegendAt(v, r, c);
    if (legend) out.push(legend);
  });
  return out;
}

/** The band legend a text at (r, c) prints, or null. */
export function bandLegendAt(v: string, r: number, c: number): BandLegend | null {
  const bands = parseBandLegend(v);
  return bands ? { cell: toA1(r, c), row: r, col: c, text: v, bands } : null;
}

/** The legend nearest to a table (rows top..bottom): below it first, then above. */
export function nearestBandLegend(legends: BandLegend[], top: number, bottom: number): BandLegend | null {
  let best: BandLegend | null = null;
  let bestDist = Infinity;
  for (const l of legends) {
    const d = l.row > bottom ? l.row - bottom : l.row < top ? (top - l.row) + 0.5 : 0;
    if (d < bestDist) {
      best = l;
      bestDist = d;
    }
  }
  return best;
}

/** The grade of a rate (a fraction) by the bands. */
export function gradeOf(rate: number, bands: Band[]): string {
  for (const b of bands) if (b.min === null || rate >= b.min - 1e-9) return b.label;
  return bands[bands.length - 1].label;
}

/** Same grade as written (Ａ and A are the same grade). */
export function sameGrade(a: string, b: string): boolean {
  return a.normalize("NFKC").replace(/\s/g, "") === b.normalize("NFKC").replace(/\s/g, "");
}

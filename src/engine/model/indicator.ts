import { z } from "zod";
import { DEFAULT_PACE_BANDS } from "./settingsFast";

export { DEFAULT_PACE_BANDS };

/** 上昇 (increase), 減少 (decrease), 維持 (keep): a target given as a word instead of a number. */
export const Qualitative = z.enum(["上昇", "減少", "維持"]);
export type Qualitative = z.infer<typeof Qualitative>;

export const Direction = z.enum(["increase", "decrease"]);
export type Direction = z.infer<typeof Direction>;

/** A value with the (western) fiscal year it belongs to; both may be unknown (null). */
export const YearValue = z.object({
  value: z.number().nullable(),
  year: z.number().int().nullable(),
});
export type YearValue = z.infer<typeof YearValue>;

export const Target = YearValue.extend({
  qualitative: Qualitative.nullable(),
});
export type Target = z.infer<typeof Target>;

/** Trend marks of the 指標の推移 legend. */
export const TrendMark = z.enum(["◎", "○", "▼", "⇒", "－"]);
export type TrendMark = z.infer<typeof TrendMark>;

/** One indicator (one row of an indicator table). */
export const Indicator = z.object({
  sheet: z.string(),
  /** 1-based row of the indicator in the sheet. */
  row: z.number().int().positive(),
  name: z.string(),
  unit: z.string().nullable(),
  direction: Direction,
  baseline: YearValue,
  /** Every actual found on the row, oldest first. */
  actuals: z.array(YearValue),
  previous: YearValue,
  current: YearValue,
  target: Target,
});
export type Indicator = z.infer<typeof Indicator>;

export const RateMethod = z.enum(["ratio", "progress"]);
export type RateMethod = z.infer<typeof RateMethod>;

/** Settings that choose how marks and rates are computed. Defaults are the README's. */
export const EngineSettings = z.object({
  /** ratio: c/t (t/c when lower is better); progress: (c−b)/(t−b). */
  rateMethod: RateMethod.default("ratio"),
  /** Cap the achievement rate at 100%. */
  capRate: z.boolean().default(false),
  /** Decimal places of the rate as a percentage (1 → 89.8%). */
  rateDecimals: z.number().int().min(0).max(6).default(1),
  /** Grade against the straight-line expected value (期待値); off by default. */
  pace: z
    .object({
      enabled: z.boolean().default(false),
      /**
       * Bands, best first: a grade applies when the ratio is at least its `min` (a fraction);
       * `min: null` is the band for everything below the others.
       */
      bands: z
        .array(z.object({ label: z.string().min(1).max(20), min: z.number().nullable() }))
        .min(1)
        .default(DEFAULT_PACE_BANDS),
    })
    .default({ enabled: false, bands: DEFAULT_PACE_BANDS }),
  /** Language of messages. */
  locale: z.enum(["ja", "en"]).default("ja"),
});
export type EngineSettings = z.infer<typeof EngineSettings>;
export type EngineSettingsInput = z.input<typeof EngineSettings>;

export function resolveSettings(input?: EngineSettingsInput): EngineSettings {
  return EngineSettings.parse(input ?? {});
}

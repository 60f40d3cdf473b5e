/** A small SVG trend chart: baseline → actuals → target (React elements only; no HTML strings). */
import { tokens } from "@fluentui/react-components";
import type { Indicator } from "../engine/model/indicator";
import { useLocale, useT } from "./i18n";
import { formatNumber } from "./format";
import { formatYear } from "../engine/report/format";
import type { Locale } from "../messages";

/** A year as a short axis label: R3 (令和3年度) in Japanese, 2021 in English. */
export function shortYear(year: number, locale: Locale): string {
  if (locale === "en") return String(year);
  if (year >= 2019) return `R${year - 2018}`;
  if (year >= 1989) return `H${year - 1988}`;
  return String(year);
}

interface Point {
  kind: "baseline" | "actual" | "target";
  value: number | null;
  year: number | null;
}

export function chartPoints(ind: Pick<Indicator, "baseline" | "actuals" | "target">): Point[] {
  const pts: Point[] = [{ kind: "baseline", ...ind.baseline }];
  for (const a of ind.actuals) {
    // An actual of the baseline year is the baseline itself; show it once.
    if (a.year !== null && a.year === ind.baseline.year && a.value === ind.baseline.value) continue;
    pts.push({ kind: "actual", value: a.value, year: a.year });
  }
  pts.push({ kind: "target", value: ind.target.value, year: ind.target.year });
  return pts;
}

const W = 240;
const H = 78;
const PAD_X = 14;
const TOP = 10;
const BOTTOM = 22;

export function TrendChart({ indicator }: { indicator: Indicator }) {
  const t = useT();
  const locale = useLocale();
  const pts = chartPoints(indicator);
  const known = pts.filter((p) => p.value !== null).map((p) => p.value as number);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 1;
  const span = max - min || Math.abs(max) || 1;
  const x = (i: number) => PAD_X + (pts.length === 1 ? 0 : (i * (W - 2 * PAD_X)) / (pts.length - 1));
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - (v - min) / span);

  const labelOf = (p: Point) =>
    p.kind === "baseline" ? t("pane.fill.baseline") : p.kind === "target" ? t("pane.fill.target") : t("pane.fill.actual");
  const describe = pts
    .map((p) =>
      t("pane.fill.chartPoint", {
        label: labelOf(p) + (p.year !== null ? `（${formatYear(p.year, locale)}）` : ""),
        value:
          p.value !== null
            ? formatNumber(p.value, locale)
            : p.kind === "target" && indicator.target.qualitative
              ? indicator.target.qualitative
              : t("pane.fill.unknown"),
      }),
    )
    .join(", ");

  // Solid line through baseline and actuals; dashed from the last known actual to the target.
  const solid: string[] = [];
  pts.forEach((p, i) => {
    if (p.kind !== "target" && p.value !== null) solid.push(`${x(i)},${y(p.value)}`);
  });
  const lastActual = [...pts.keys()].filter((i) => pts[i].kind !== "target" && pts[i].value !== null).pop();
  const ti = pts.length - 1;
  const target = pts[ti];

  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t("pane.fill.chart", { name: indicator.name, points: describe })}
      data-testid="trend-chart"
    >
      <line x1={PAD_X} x2={W - PAD_X} y1={H - BOTTOM + 4} y2={H - BOTTOM + 4} stroke={tokens.colorNeutralStroke2} />
      {solid.length > 1 && <polyline points={solid.join(" ")} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />}
      {lastActual !== undefined && target.value !== null && (
        <line
          x1={x(lastActual)}
          y1={y(pts[lastActual].value as number)}
          x2={x(ti)}
          y2={y(target.value)}
          stroke={tokens.colorNeutralForeground3}
          strokeDasharray="4 3"
        />
      )}
      {pts.map((p, i) => {
        const label = p.year !== null ? shortYear(p.year, locale) : labelOf(p).slice(0, 2);
        return (
          <g key={i}>
            {p.value !== null &&
              (p.kind === "target" ? (
                <rect x={x(i) - 4} y={y(p.value) - 4} width={8} height={8} fill={tokens.colorPaletteGreenForeground1} transform={`rotate(45 ${x(i)} ${y(p.value)})`} />
              ) : (
                <circle cx={x(i)} cy={y(p.value)} r={3.5} fill={p.kind === "baseline" ? tokens.colorNeutralForeground3 : tokens.colorBrandForeground1} />
              ))}
            {p.value === null && p.kind === "target" && indicator.target.qualitative && (
              <text x={x(i)} y={TOP + 12} fontSize={11} textAnchor="middle" fill={tokens.colorPaletteGreenForeground1}>
                {indicator.target.qualitative}
              </text>
            )}
            <text x={x(i)} y={H - 4} fontSize={10} textAnchor="middle" fill={tokens.colorNeutralForeground3}>
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

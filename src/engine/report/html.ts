/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
 * resources), Japanese by default. Every text that comes from a workbook goes through escapeHtml.
 * Pure: returns a string.
 */
import { t, type Locale, type MessageKey } from "../../messages";
import {
  compareCells,
  escapeHtml,
  findingsOf,
  formatCellValue,
  formatNumber,
  formatRate,
  formatYearValue,
  ruleName,
  severityLabel,
  SEVERITIES,
  tableKindLabel,
  totals,
} from "./format";
import type { FileResult, IssueJson } from "./types";

export interface HtmlReportOptions {
  locale?: Locale;
  /** Title of the page; the check report's title by default. */
  title?: string;
  /** Shown as 作成日時; omitted when not given (keeps the output deterministic for tests). */
  generatedAt?: Date | string;
  /** Decimal places of achievement rates as percentages. */
  rateDecimals?: number;
}

/** Trend marks of the 指標の推移 legend, in legend order. */
export const TREND_MARKS = ["◎", "○", "▼", "⇒", "－"] as const;
/** Evaluation marks of the progress-table legend, in legend order. */
export const EVALUATION_MARKS = ["☆", "○", "△", "□", "×", "◎", "－"] as const;

const DASHES = new Set(["－", "-", "―", "‐", "—", "ー", "−"]);

/** Map an evaluation cell to a legend mark, or null when blank; other text is returned trimmed. */
export function normalizeEvaluation(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/\s+/g, "");
  if (!s) return null;
  if (DASHES.has(s)) return "－";
  if (s === "〇") return "○";
  return s;
}

export interface ChartBar {
  label: string;
  count: number;
  colour: string;
}

const MARK_COLOURS: Record<string, string> = {
  "◎": "#1b7f3b",
  "○": "#2f6fb3",
  "☆": "#7a4fb0",
  "▼": "#c0392b",
  "⇒": "#b8860b",
  "△": "#d4820a",
  "□": "#6c7a89",
  "×": "#c0392b",
  "－": "#8a8a8a",
};

/** Count marks into bars: the legend's marks first (zero counts shown), then others, then blank. */
export function countMarks(values: (string | null)[], legend: readonly string[], locale: Locale): ChartBar[] {
  const counts = new Map<string, number>();
  let blank = 0;
  for (const v of values) {
    if (v === null) blank++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const bars: ChartBar[] = legend.map((m) => ({ label: m, count: counts.get(m) ?? 0, colour: MARK_COLOURS[m] ?? "#2f6fb3" }));
  const others = [...counts.entries()].filter(([k]) => !legend.includes(k)).sort((a, b) => b[1] - a[1]);
  // Show the most frequent unknown marks by name (escaped on output), group the rest.
  const shown = others.slice(0, 5);
  for (const [label, count] of shown) bars.push({ label, count, colour: "#999999" });
  const rest = others.slice(5).reduce((n, [, c]) => n + c, 0);
  if (rest > 0) bars.push({ label: t(locale, "report.other"), count: rest, colour: "#999999" });
  if (blank > 0) bars.push({ label: t(locale, "report.blank"), count: blank, colour: "#cccccc" });
  return bars;
}

/** A horizontal bar chart as inline SVG. Labels are escaped. */
export function svgBarChart(title: string, bars: ChartBar[], locale: Locale): string {
  const rowHeight = 26;
  const labelWidth = 120;
  const barMax = 320;
  const width = labelWidth + barMax + 70;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = bars.reduce((m, b) => Math.max(m, b.count), 0);
  const summary = bars.map((b) => `${b.label} ${b.count}`).join("、");
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(
      t(locale, "report.chartLabel", { title, items: summary }),
    )}">`,
  );
  parts.push(`<title>${escapeHtml(title)}</title>`);
  bars.forEach((b, i) => {
    const y = 4 + i * rowHeight;
    const w = max > 0 ? Math.round((b.count / max) * barMax) : 0;
    const label = b.label.length > 12 ? b.label.slice(0, 11) + "…" : b.label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="14">${escapeHtml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${Math.max(w, b.count > 0 ? 2 : 0)}" height="${rowHeight - 8}" fill="${b.colour}"/>`,
      `<text x="${labelWidth + Math.max(w, 0) + 6}" y="${y + 17}" font-size="13">${b.count}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

const STYLE = `
body{font-family:"Yu Gothic UI","Meiryo","Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:24px;color:#222;line-height:1.5}
h1{font-size:1.5em;border-bottom:3px solid #2f6fb3;padding-bottom:4px}
h2{font-size:1.25em;margin-top:2em;border-left:6px solid #2f6fb3;padding-left:8px}
h3{font-size:1.05em;margin-top:1.4em}
table{border-collapse:collapse;margin:8px 0 16px;font-size:0.92em}
th,td{border:1px solid #bbb;padding:3px 8px;vertical-align:top;text-align:left}
th{background:#eef3f9}
td.num{text-align:right;white-space:nowrap}
td.mark{text-align:center}
.sev-error{color:#b00020;font-weight:bold}
.sev-warning{color:#9a5b00;font-weight:bold}
.sev-info{color:#2f6fb3}
.error-box{background:#fdecea;border:1px solid #e0a0a0;padding:8px 12px}
.ok{color:#1b7f3b}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.charts figure{margin:0}
.charts figcaption{font-weight:bold;margin-bottom:4px}
.meta{color:#666}
@media print{h2{page-break-before:auto}}
`;

function td(content: string, cls?: string): string {
  return cls ? `<td class="${cls}">${content}</td>` : `<td>${content}</td>`;
}

function findingsTable(issues: IssueJson[], locale: Locale): string {
  const rows = issues.map(
    (f) =>
      "<tr>" +
      td(escapeHtml(f.cell)) +
      td(escapeHtml(severityLabel(f.severity, locale)), `sev-${escapeHtml(f.severity)}`) +
      td(escapeHtml(ruleName(f.rule, locale))) +
      td(escapeHtml(f.message)) +
      td(escapeHtml(formatCellValue(f.expected))) +
      td(escapeHtml(formatCellValue(f.actual))) +
      "</tr>",
  );
  return (
    `<table><thead><tr><th>${escapeHtml(t(locale, "report.cell"))}</th><th>${escapeHtml(t(locale, "report.severity"))}</th>` +
    `<th>${escapeHtml(t(locale, "report.rule"))}</th><th>${escapeHtml(t(locale, "report.message"))}</th>` +
    `<th>${escapeHtml(t(locale, "report.expected"))}</th><th>${escapeHtml(t(locale, "report.actual"))}</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function indicatorsTable(indicators: FileResult["indicators"], locale: Locale, rateDecimals: number): string {
  const hasPace = indicators.some((i) => i.pace);
  const head: MessageKey[] = [
    "report.row",
    "report.col.name",
    "report.col.unit",
    "report.col.baseline",
    "report.col.previous",
    "report.col.current",
    "report.col.target",
    "report.col.trendMark",
    "report.col.rate",
    ...(hasPace ? (["report.col.pace"] as const) : []),
  ];
  const rows = indicators.map((i) => {
    const cells = [
      td(String(i.row), "num"),
      td(escapeHtml(i.name)),
      td(escapeHtml(i.unit ?? "")),
      td(escapeHtml(formatYearValue(i.baseline, locale)), "num"),
      td(escapeHtml(formatYearValue(i.previous, locale)), "num"),
      td(escapeHtml(formatYearValue(i.current, locale)), "num"),
      td(escapeHtml(formatYearValue(i.target, locale, i.target.qualitative)), "num"),
      td(escapeHtml(i.trendMark), "mark"),
      td(escapeHtml(formatRate(i.achievementRate, rateDecimals)), "num"),
    ];
    if (hasPace) {
      cells.push(
        td(
          i.pace
            ? escapeHtml(
                t(locale, "report.pace", {
                  grade: i.pace.grade,
                  ratio: formatRate(i.pace.ratio, rateDecimals),
                  expected: formatNumber(i.pace.expected),
                }),
              )
            : "",
        ),
      );
    }
    return `<tr>${cells.join("")}</tr>`;
  });
  return (
    `<table><thead><tr>${head.map((k) => `<th>${escapeHtml(t(locale, k))}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function fileSummary(file: FileResult, locale: Locale): string {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findingsOf(file)) {
    if (f.severity === "error") counts.errors++;
    else if (f.severity === "warning") counts.warnings++;
    else counts.infos++;
  }
  return t(locale, "report.fileOk", counts);
}

function fileSection(file: FileResult, index: number, locale: Locale, rateDecimals: number): string {
  const out: string[] = [];
  out.push(`<section id="file-${index + 1}"><h2>${escapeHtml(file.file)}</h2>`);
  if (file.error) {
    out.push(`<p class="error-box"><strong>${escapeHtml(t(locale, "report.fileError"))}:</strong> ${escapeHtml(file.error)}</p>`);
  } else {
    out.push(`<p class="meta">${escapeHtml(fileSummary(file, locale))}</p>`);
  }
  // Sheets in workbook order, then any sheet named only by findings or indicators.
  const sheetNames: string[] = file.sheets.map((s) => s.name);
  for (const x of [...file.indicators.map((i) => i.sheet), ...file.issues.map((i) => i.sheet)]) {
    if (!sheetNames.includes(x)) sheetNames.push(x);
  }
  for (const name of sheetNames) {
    const sheet = file.sheets.find((s) => s.name === name);
    const indicators = file.indicators.filter((i) => i.sheet === name);
    const issues = file.issues.filter((i) => i.sheet === name).sort((a, b) => compareCells(a.cell, b.cell));
    const tables = sheet?.tables ?? [];
    if (!tables.length && !indicators.length && !issues.length) continue;
    out.push(`<h3>${escapeHtml(t(locale, "report.sheet"))}「${escapeHtml(name)}」</h3>`);
    if (tables.length) {
      out.push(
        `<p>${escapeHtml(t(locale, "report.tables"))}: ${tables
          .map((tb) => `${escapeHtml(tableKindLabel(tb.kind, locale))} ${escapeHtml(tb.range)}`)
          .join("、")}</p>`,
      );
    }
    if (indicators.length) {
      out.push(`<h4>${escapeHtml(t(locale, "report.indicators"))}</h4>`);
      out.push(indicatorsTable(indicators, locale, rateDecimals));
    }
    out.push(`<h4>${escapeHtml(t(locale, "report.findings"))}</h4>`);
    out.push(issues.length ? findingsTable(issues, locale) : `<p class="ok">${escapeHtml(t(locale, "report.noFindings"))}</p>`);
  }
  if (!file.error && !sheetNames.length) out.push(`<p>${escapeHtml(t(locale, "report.noTables"))}</p>`);
  out.push("</section>");
  return out.join("\n");
}

/** Build the whole report page. */
export function buildHtmlReport(files: FileResult[], options: HtmlReportOptions = {}): string {
  const locale = options.locale ?? "ja";
  const rateDecimals = options.rateDecimals ?? 1;
  const title = options.title ?? t(locale, "report.title");
  const sum = totals(files);

  const out: string[] = [];
  out.push(
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    // Nothing may be loaded from anywhere and no script may run, whatever a workbook contains.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
  );
  if (options.generatedAt) {
    const d = typeof options.generatedAt === "string" ? options.generatedAt : options.generatedAt.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB");
    out.push(`<p class="meta">${escapeHtml(t(locale, "report.generatedAt", { date: d }))}</p>`);
  }

  // Summary: counts.
  out.push(`<h2>${escapeHtml(t(locale, "report.summary"))}</h2>`);
  out.push(
    "<table><tbody>" +
      `<tr><th>${escapeHtml(t(locale, "report.filesChecked"))}</th><td class="num">${sum.files}</td></tr>` +
      `<tr><th>${escapeHtml(t(locale, "report.filesFailed"))}</th><td class="num">${sum.failed}</td></tr>` +
      `<tr><th>${escapeHtml(t(locale, "report.indicatorCount"))}</th><td class="num">${sum.indicators}</td></tr>` +
      "</tbody></table>",
  );
  out.push(`<h3>${escapeHtml(t(locale, "report.bySeverity"))}</h3>`);
  let totalFindings = 0;
  const sevRows = SEVERITIES.map((s) => {
    const n = sum.bySeverity[s] ?? 0;
    totalFindings += n;
    return `<tr><td class="sev-${s}">${escapeHtml(severityLabel(s, locale))}</td><td class="num">${n}</td></tr>`;
  });
  out.push(
    `<table id="by-severity"><thead><tr><th>${escapeHtml(t(locale, "report.severity"))}</th><th>${escapeHtml(t(locale, "report.count"))}</th></tr></thead>` +
      `<tbody>${sevRows.join("")}<tr><th>${escapeHtml(t(locale, "report.total"))}</th><td class="num">${totalFindings}</td></tr></tbody></table>`,
  );
  out.push(`<h3>${escapeHtml(t(locale, "report.byRule"))}</h3>`);
  if (sum.byRule.length) {
    out.push(
      `<table id="by-rule"><thead><tr><th>${escapeHtml(t(locale, "report.rule"))}</th><th>ID</th><th>${escapeHtml(
        t(locale, "report.severity"),
      )}</th><th>${escapeHtml(t(locale, "report.count"))}</th></tr></thead><tbody>` +
        sum.byRule
          .map(
            (r) =>
              `<tr><td>${escapeHtml(ruleName(r.rule, locale))}</td><td>${escapeHtml(r.rule)}</td><td class="sev-${escapeHtml(
                r.severity,
              )}">${escapeHtml(severityLabel(r.severity, locale))}</td><td class="num">${r.count}</td></tr>`,
          )
          .join("") +
        "</tbody></table>",
    );
  } else out.push(`<p class="ok">${escapeHtml(t(locale, "report.noFindings"))}</p>`);

  // Charts.
  const trendValues = files.flatMap((f) => f.indicators.map((i) => (i.trendMark ? i.trendMark : null)));
  const evaluationValues = files.flatMap((f) => (f.progress ?? []).map((p) => normalizeEvaluation(p.evaluation)));
  const paceValues = files.flatMap((f) => f.indicators.filter((i) => i.pace).map((i) => i.pace!.grade));
  const charts: string[] = [];
  const chart = (title: string, bars: ChartBar[], id: string) =>
    `<figure id="${id}"><figcaption>${escapeHtml(title)}</figcaption>${
      bars.some((b) => b.count > 0) ? svgBarChart(title, bars, locale) : `<p>${escapeHtml(t(locale, "report.noData"))}</p>`
    }</figure>`;
  charts.push(chart(t(locale, "report.trendChart"), countMarks(trendValues, TREND_MARKS, locale), "chart-trend"));
  charts.push(chart(t(locale, "report.evaluationChart"), countMarks(evaluationValues, EVALUATION_MARKS, locale), "chart-evaluation"));
  if (paceValues.length) {
    const grades = [...new Set(paceValues)].sort();
    charts.push(chart(t(locale, "report.paceChart"), countMarks(paceValues, grades, locale), "chart-pace"));
  }
  out.push(`<div class="charts">${charts.join("")}</div>`);

  // Contents.
  if (files.length > 1) {
    out.push(`<h2>${escapeHtml(t(locale, "report.contents"))}</h2>`);
    out.push(
      `<table><thead><tr><th>${escapeHtml(t(locale, "report.file"))}</th><th>${escapeHtml(t(locale, "report.findings"))}</th></tr></thead><tbody>` +
        files
          .map(
            (f, i) =>
              `<tr><td><a href="#file-${i + 1}">${escapeHtml(f.file)}</a></td><td>${
                f.error ? `<span class="sev-error">${escapeHtml(t(locale, "report.fileError"))}</span>` : escapeHtml(fileSummary(f, locale))
              }</td></tr>`,
          )
          .join("") +
        "</tbody></table>",
    );
  }

  files.forEach((f, i) => out.push(fileSection(f, i, locale, rateDecimals)));
  out.push("</body>", "</html>", "");
  return out.join("\n");
}

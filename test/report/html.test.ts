import { buildHtmlReport, countMarks } from "../../src/engine/report";
import { broken, chofu, clean, XSS } from "./fixtures";

/** Text content of the element with this id (tags removed), for simple assertions. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf("</table>", start);
  return html.slice(start, end);
}

function rowCount(tableHtml: string, label: string): number {
  const m = new RegExp(`<td[^>]*>${label}</td>(?:<td[^>]*>[^<]*</td>)*?<td class="num">(\\d+)</td>`).exec(tableHtml);
  if (!m) throw new Error(`no row ${label} in ${tableHtml}`);
  return Number(m[1]);
}

describe("HTML report", () => {
  const html = buildHtmlReport([chofu(), broken(), clean()], { locale: "ja" });

  test("is one self-contained page: no scripts, no external resources", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/href="(?!#)/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<html lang="ja">');
  });

  test("workbook text is escaped everywhere (file, sheet, indicator, message, mark, unit)", () => {
    const escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    // file name, sheet name, indicator name, message, actual, evaluation chart label
    const occurrences = html.split(escaped).length - 1;
    expect(occurrences).toBeGreaterThanOrEqual(6);
    expect(html).toContain("&lt;i&gt;件&lt;/i&gt;");
    expect(html).not.toContain(XSS);
    expect(html).not.toContain("<i>件</i>");
  });

  test("totals by severity count the findings and the unreadable file", () => {
    const sev = section(html, "by-severity");
    expect(rowCount(sev, "エラー")).toBe(2); // trend-mark-mismatch + the broken file
    expect(rowCount(sev, "警告")).toBe(2);
    expect(rowCount(sev, "情報")).toBe(0);
    expect(sev).toMatch(/合計<\/th><td class="num">4</);
  });

  test("totals by rule list each rule once with its count", () => {
    const rules = section(html, "by-rule");
    expect(rules).toContain("trend-mark-mismatch");
    expect(rules).toContain("指標の推移が計算と異なる");
    expect(rules).toContain("file-error");
    expect(rules.match(/<tr>/g)!.length - 1).toBe(4); // header + 4 rules
  });

  test("each finding is shown with its sheet and cell, in a table per file and sheet", () => {
    const chofuStart = html.indexOf("<h2>06_地域福祉.xlsx</h2>");
    const brokenStart = html.indexOf("<h2>壊れた,ファイル.xlsx</h2>");
    expect(chofuStart).toBeGreaterThan(0);
    expect(brokenStart).toBeGreaterThan(chofuStart);
    const chofuPart = html.slice(chofuStart, brokenStart);
    expect(chofuPart).toContain("シート「マネジメントシート」");
    expect(chofuPart).toContain("シート「進捗状況」");
    expect(chofuPart).toMatch(/<td>G23<\/td><td class="sev-error">エラー<\/td>/);
    expect(chofuPart).toMatch(/<td>D5<\/td><td class="sev-warning">警告<\/td>/);
    // the indicator row: values with 和暦 years, rate as a percentage
    expect(chofuPart).toContain("348（令和3年度）");
    expect(chofuPart).toContain("450（令和8年度）");
    expect(chofuPart).toContain("89.8%");
    expect(chofuPart).toContain("上昇（令和13年度）");
    // the broken file shows its error
    const brokenPart = html.slice(brokenStart, html.indexOf("</section>", brokenStart));
    expect(brokenPart).toContain("end of central directory not found");
  });

  test("pace grades are shown when present", () => {
    expect(html).toContain("期待値に対する進捗");
    expect(html).toContain("B（92.9%、期待値 453.2）");
    expect(html).toContain('id="chart-pace"');
    const noPace = buildHtmlReport([clean()]);
    expect(noPace).not.toContain('id="chart-pace"');
    expect(noPace).not.toContain("期待値に対する進捗");
  });

  test("trend and evaluation marks are charted as inline SVG with their counts", () => {
    const trend = html.slice(html.indexOf('id="chart-trend"'), html.indexOf("</figure>", html.indexOf('id="chart-trend"')));
    expect(trend).toContain("<svg");
    // ◎ 2 (chofu XSS row + clean), ○ 1, ▼ 1, ⇒ 0, － 0
    expect(trend).toContain('aria-label="指標の推移の分布（計算結果）: ◎ 2、○ 1、▼ 1、⇒ 0、－ 0"');
    const ev = html.slice(html.indexOf('id="chart-evaluation"'), html.indexOf("</figure>", html.indexOf('id="chart-evaluation"')));
    // ○ and 〇 count together; "-" is －; the script text is an "other" bar, escaped; one blank
    expect(ev).toContain("☆ 0、○ 2、△ 1、□ 0、× 0、◎ 0、－ 1");
    expect(ev).toContain("空欄 1");
    expect(ev).toContain("&lt;script&gt;");
    expect(ev).not.toContain("<script");
  });

  test("English report", () => {
    const en = buildHtmlReport([chofu()], { locale: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Findings by severity");
    expect(en).toContain("348 (FY2021)");
  });

  test("countMarks keeps legend order and zero counts", () => {
    const bars = countMarks(["○", "◎", "○", null, "？"], ["◎", "○", "▼"], "ja");
    expect(bars.map((b) => `${b.label}${b.count}`)).toEqual(["◎1", "○2", "▼0", "？1", "空欄1"]);
  });
});

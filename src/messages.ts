/**
 * Every text a user sees, Japanese first, English available. One file, one dictionary per
 * language; sections by area. Placeholders are written {name}.
 *
 * Keep the keys of `ja` and `en` identical (a test checks this).
 */
export type Locale = "ja" | "en";

const ja = {
  // ---- engine: rules -------------------------------------------------------------------------
  "rule.trend-mark-mismatch": "指標の推移が計算結果と異なります（記入: {actual}、計算: {expected}）。値を確認するか「{expected}」に直してください。",
  "rule.trend-mark-missing": "指標の推移が空欄です。「{expected}」を記入してください。",
  "rule.rate-mismatch": "達成率が計算結果と異なります（記入: {actual}、計算: {expected}）。",
  "rule.rate-missing": "達成率が空欄です。計算値は {expected} です。",
  "rule.mark-not-in-legend": "「{actual}」はこのシートの凡例にない記号です。凡例の記号（{legend}）を使ってください。",
  "rule.lookalike-character": "「{actual}」は「{expected}」に似た別の文字です（{code}）。「{expected}」に直してください。",
  "rule.required-empty": "{field}が空欄です。記入してください。",
  "rule.number-as-text": "数値が文字列として保存されています（{actual}）。数値として入力してください。",
  "rule.year-order": "年度の順序が正しくありません（{detail}）。基準年度 ≤ 前年度 < 当年度 ≤ 目標年度 になるよう確認してください。",
  "rule.vocabulary": "「{actual}」は{field}の選択肢にありません。選択肢: {choices}。",
  "rule.repost-mismatch": "【再掲】の項目が元の項目（{original}）と一致しません。元の記載に合わせてください。",
  "rule.repost-missing-original": "【再掲】の元の項目が見つかりません（{name}）。",
  "rule.formula-error": "数式エラー（{actual}）のため値が不明です。数式を確認してください。",
  "rule.pace-grade": "期待値に対する進捗: {grade}（実績 {current} ／ 期待値 {expected}）。",
  "rule.previous-mismatch": "前年度の実績値（{actual}）が前年度のシートの値（{expected}）と一致しません。",
  "rule.target-changed": "目標値が前年度のシートから変わっています（前年度: {expected}、今年度: {actual}）。",
  "rule.baseline-changed": "基準値が前年度のシートから変わっています（前年度: {expected}、今年度: {actual}）。",
  "rule.progress-figure-mismatch": "「{label}」の前年度の数値（{actual}）が前年度の一覧表（{expected}）と一致しません。",
  "field.name": "指標名",
  "field.mark": "指標の推移",
  "field.evaluation": "評価",
  "field.description": "説明（進捗状況）",
  "field.result": "取組実績",
  "field.direction": "今後の方向",
  "field.item": "項目",

  // ---- command line ----------------------------------------------------------------------------
  "cli.usage":
    "使い方:\n  plansheet check ファイルまたはフォルダ... [--json] [--report 出力.html|出力.csv] [--lang en]\n  plansheet fill 入力.xlsx -o 出力.xlsx [--in-place] [--rate-method ratio|progress] [--cap] [--decimals N] [--pace]\n  plansheet compare 前年度.xlsx 今年度.xlsx [--json] [--report 出力.html|出力.csv]\n  plansheet templates [--json]\n  plansheet insert テンプレートID 入力.xlsx -o 出力.xlsx [--sheet シート名] [--at A1] [--param キー=値]... [--force] [--in-place]",
  "cli.unknownCommand": "不明なコマンドです: {command}",
  "cli.unknownOption": "不明なオプションです: {option}",
  "cli.missingArgument": "{what}を指定してください。",
  "cli.noInput": "チェックするファイルまたはフォルダを指定してください。",
  "cli.noXlsxFound": "{path} に .xlsx ファイルが見つかりません。",
  "cli.outputRequired": "出力ファイルを -o で指定してください（入力を上書きする場合は --in-place）。",
  "cli.sameInOut": "出力先が入力ファイルと同じです。入力を上書きする場合は --in-place を指定してください。",
  "cli.written": "{file} に書き込みました（{count} セルを変更）。",
  "cli.nothingToFill": "{file}: 記入できる指標表（指標の推移・達成率の列）が見つかりません。",
  "cli.summary": "{files} ファイル: エラー {errors} 件、警告 {warnings} 件、情報 {infos} 件",
  "cli.fileHeader": "■ {file}",
  "cli.sheetTables": "  シート「{sheet}」: {tables}",
  "cli.noTables": "  （表が見つかりません）",
  "cli.noFindings": "  問題は見つかりませんでした。",
  "cli.reportWritten": "レポートを {file} に書き出しました。",

  // ---- reading files (errors) -----------------------------------------------------------------
  "file.notFound": "{file}: ファイルが見つかりません。",
  "file.empty": "{file}: ファイルが空です（0 バイト）。",
  "file.notXlsx": "{file}: Excel ブック（.xlsx）ではありません。Excel で開いて .xlsx 形式で保存し直してください。",
  "file.xls": "{file}: 古い Excel 形式（.xls）は読めません。Excel で開き「名前を付けて保存」で .xlsx 形式にしてください。",
  "file.csv": "{file}: CSV ファイルは読めません。Excel で開き .xlsx 形式で保存してください。",
  "file.truncated": "{file}: ファイルが壊れているか途中で切れています（{reason}）。元のファイルを取り直してください。",
  "file.encrypted": "{file}: パスワードで保護されたブックは読めません。Excel でパスワードを解除して保存してから実行してください。",
  "file.tooLarge": "{file}: 展開後のサイズが上限（{limit}）を超えるため読みません（圧縮爆弾の可能性）。",
  "file.tooManyCells": "{file}: シート「{sheet}」のセル数が上限（{limit}）を超えるため読みません。",
  "file.unreadable": "{file}: 読み込めません（{reason}）。",
  "file.writeFailed": "{file}: 書き込めません（{reason}）。",

  // ---- task pane -------------------------------------------------------------------------------

  // ---- templates -------------------------------------------------------------------------------

  // ---- report ----------------------------------------------------------------------------------
};

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  "rule.trend-mark-mismatch": "The trend mark differs from the computed one (written: {actual}, computed: {expected}). Check the values or change it to \"{expected}\".",
  "rule.trend-mark-missing": "The trend mark is empty. Enter \"{expected}\".",
  "rule.rate-mismatch": "The achievement rate differs from the computed one (written: {actual}, computed: {expected}).",
  "rule.rate-missing": "The achievement rate is empty. The computed rate is {expected}.",
  "rule.mark-not-in-legend": "\"{actual}\" is not a mark of this sheet's legend. Use one of: {legend}.",
  "rule.lookalike-character": "\"{actual}\" is a different character that looks like \"{expected}\" ({code}). Change it to \"{expected}\".",
  "rule.required-empty": "{field} is empty. Fill it in.",
  "rule.number-as-text": "A number is stored as text ({actual}). Enter it as a number.",
  "rule.year-order": "The years are out of order ({detail}). They must run baseline ≤ last year < this year ≤ target year.",
  "rule.vocabulary": "\"{actual}\" is not a choice of {field}. Choices: {choices}.",
  "rule.repost-mismatch": "This 【再掲】 (re-posted) item differs from its original ({original}). Make it the same as the original.",
  "rule.repost-missing-original": "The original of this 【再掲】 item was not found ({name}).",
  "rule.formula-error": "The value is unknown because of a formula error ({actual}). Check the formula.",
  "rule.pace-grade": "Pace against the expected value: {grade} (actual {current} / expected {expected}).",
  "rule.previous-mismatch": "Last year's actual ({actual}) differs from last year's sheet ({expected}).",
  "rule.target-changed": "The target changed from last year's sheet (last year: {expected}, this year: {actual}).",
  "rule.baseline-changed": "The baseline changed from last year's sheet (last year: {expected}, this year: {actual}).",
  "rule.progress-figure-mismatch": "Last year's figure for \"{label}\" ({actual}) differs from last year's table ({expected}).",
  "field.name": "Indicator name",
  "field.mark": "Trend mark",
  "field.evaluation": "Evaluation",
  "field.description": "Description (progress)",
  "field.result": "Result",
  "field.direction": "Future direction",
  "field.item": "Item",

  "cli.usage":
    "Usage:\n  plansheet check FILE_OR_DIR... [--json] [--report out.html|out.csv] [--lang en]\n  plansheet fill IN.xlsx -o OUT.xlsx [--in-place] [--rate-method ratio|progress] [--cap] [--decimals N] [--pace]\n  plansheet compare LAST.xlsx THIS.xlsx [--json] [--report out.html|out.csv]\n  plansheet templates [--json]\n  plansheet insert TEMPLATE IN.xlsx -o OUT.xlsx [--sheet NAME] [--at A1] [--param key=value]... [--force] [--in-place]",
  "cli.unknownCommand": "Unknown command: {command}",
  "cli.unknownOption": "Unknown option: {option}",
  "cli.missingArgument": "Give {what}.",
  "cli.noInput": "Give the files or folders to check.",
  "cli.noXlsxFound": "No .xlsx file found in {path}.",
  "cli.outputRequired": "Give the output file with -o (or --in-place to overwrite the input).",
  "cli.sameInOut": "The output is the input file. Give --in-place to overwrite the input.",
  "cli.written": "Wrote {file} ({count} cells changed).",
  "cli.nothingToFill": "{file}: no indicator table with a trend-mark or rate column was found.",
  "cli.summary": "{files} files: {errors} errors, {warnings} warnings, {infos} info",
  "cli.fileHeader": "■ {file}",
  "cli.sheetTables": "  Sheet \"{sheet}\": {tables}",
  "cli.noTables": "  (no tables found)",
  "cli.noFindings": "  No problems found.",
  "cli.reportWritten": "Report written to {file}.",

  "file.notFound": "{file}: file not found.",
  "file.empty": "{file}: the file is empty (0 bytes).",
  "file.notXlsx": "{file}: not an Excel workbook (.xlsx). Open it in Excel and save it as .xlsx.",
  "file.xls": "{file}: the old Excel format (.xls) cannot be read. Open it in Excel and use Save As → .xlsx.",
  "file.csv": "{file}: CSV files cannot be read. Open it in Excel and save it as .xlsx.",
  "file.truncated": "{file}: the file is damaged or cut short ({reason}). Get the original file again.",
  "file.encrypted": "{file}: password-protected workbooks cannot be read. Remove the password in Excel, save, and try again.",
  "file.tooLarge": "{file}: refused: it inflates past the limit ({limit}) (possible zip bomb).",
  "file.tooManyCells": "{file}: refused: sheet \"{sheet}\" has more cells than the limit ({limit}).",
  "file.unreadable": "{file}: cannot be read ({reason}).",
  "file.writeFailed": "{file}: cannot be written ({reason}).",
};

export const messages: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Render a message with its parameters in the given locale. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = messages[locale][key] ?? messages.ja[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

/**
 * ESLint (flat config) for the code that runs inside Excel: the Office.js adapter and the task pane.
 * eslint-plugin-office-addins checks the Office.js batching rules (load before read, sync after
 * load, no sync inside loops, no navigational loads, null objects tested with isNullObject).
 * Run: npm run lint
 */
"use strict";
const tsParser = require("@typescript-eslint/parser");
const officeAddins = require("eslint-plugin-office-addins");

module.exports = [
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", "test-artifacts/**", "bench-out/**"],
  },
  {
    files: ["src/workbook/office/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}"],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: 2022, sourceType: "module", ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      // issue 6: nothing from the workbook may become code or markup
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "No dangerouslySetInnerHTML: render workbook text as text.",
        },
        {
          selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]",
          message: "No innerHTML/outerHTML: render workbook text as text.",
        },
      ],
    },
  },
];

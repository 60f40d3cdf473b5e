/** The settings the pane starts with (plain data, no zod in its first scripts) are the schema's defaults. */
import { defaultSettings } from "../../src/taskpane/settings";
import { initialSettings } from "../../src/taskpane/settingsDefaults";

test.each(["ja", "en"] as const)("initialSettings(%s) equals the schema's defaults", (locale) => {
  expect(initialSettings(locale)).toEqual(defaultSettings(locale));
});

test("without a language: Japanese, as the schema's default", () => {
  expect(initialSettings()).toEqual(defaultSettings());
});

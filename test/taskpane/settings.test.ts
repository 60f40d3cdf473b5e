import { parseStoredSettings, serializeSettings, defaultSettings, loadSettings, saveSettings, SETTINGS_KEY } from "../../src/taskpane/settings";
import { engineInput } from "../../src/taskpane/engine";
import { analyzeWorkbook } from "../../src/engine";
import type { WorkbookPort } from "../../src/workbook/port";

describe("stored settings are parsed with zod; what does not fit is rejected", () => {
  test("nothing stored: the defaults", () => {
    const r = parseStoredSettings(undefined);
    expect(r.rejected).toBeUndefined();
    expect(r.settings).toMatchObject({ rateMethod: "ratio", capRate: false, rateDecimals: 1, pace: { enabled: false } });
  });
  test("valid settings are read back as saved", () => {
    const s = { ...defaultSettings(), rateMethod: "progress" as const, capRate: true, rateDecimals: 2 };
    const r = parseStoredSettings(serializeSettings(s), "en");
    expect(r.rejected).toBeUndefined();
    expect(r.settings).toMatchObject({ rateMethod: "progress", capRate: true, rateDecimals: 2, locale: "en" });
  });
  test.each([
    ["not JSON", "{rateMethod: progress"],
    ["an array", "[1,2]"],
    ["a string", '"ratio"'],
    ["an unknown method", '{"rateMethod":"magic"}'],
    ["decimals as text", '{"rateDecimals":"two"}'],
    ["decimals out of range", '{"rateDecimals":99}'],
    ["cap as a string", '{"capRate":"yes"}'],
    ["too long", '{"x":"' + "a".repeat(20_000) + '"}'],
  ])("%s is rejected with a reason and the defaults are used", (_, raw) => {
    const r = parseStoredSettings(raw);
    expect(r.rejected).toEqual(expect.any(String));
    expect(r.rejected!.length).toBeGreaterThan(0);
    expect(r.settings).toEqual(defaultSettings());
  });
  test("the stored form is JSON without the language and survives a round trip", () => {
    const text = serializeSettings({ ...defaultSettings("en"), pace: { ...defaultSettings().pace, enabled: true } });
    const data = JSON.parse(text);
    expect(data).toEqual({ rateMethod: "ratio", capRate: false, rateDecimals: 1, pace: { enabled: true } });
    expect(parseStoredSettings(text).settings.pace.enabled).toBe(true);
  });
  test("resolved settings (pace bands down to -Infinity) are accepted by the engine as input", () => {
    const s = defaultSettings();
    expect(() => analyzeWorkbook({ sheets: [] }, engineInput(s))).not.toThrow();
    expect(engineInput({ ...s, locale: "en" }).locale).toBe("en");
  });
  test("load and save go through the port's document settings under one key", async () => {
    const store = new Map<string, string>();
    const port = {
      getSetting: async (k: string) => store.get(k),
      setSetting: async (k: string, v: string) => void store.set(k, v),
    } as unknown as WorkbookPort;
    await saveSettings(port, { ...defaultSettings(), rateMethod: "progress" });
    expect([...store.keys()]).toEqual([SETTINGS_KEY]);
    expect((await loadSettings(port, "ja")).settings.rateMethod).toBe("progress");
    store.set(SETTINGS_KEY, "garbage");
    expect((await loadSettings(port, "ja")).rejected).toMatch(/JSON/);
  });
});

/**
 * What the pane's first screen does not need, fetched as one chunk ("engine") when the pane starts
 * (the workbook's settings are read through it) and awaited by the first check: the engine itself,
 * zod with the schemas of the stored settings and acknowledgements. The pane's first scripts stay
 * small (test/browser/bundle.test.ts). Import it only through `loadEngine` (src/taskpane/lazyEngine.ts).
 */
export { engineInput, readAndAnalyze } from "./engine";
export { readAckStore, removeAck, saveAck, sortWithAcks } from "./ack/acks";
export { loadSettings, saveSettings } from "./settings";

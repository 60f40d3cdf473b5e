/** The pane's calls into the engine: read the workbook through the port, then analyse or plan. */
import { checkWorkbook, planFill } from "../engine";
import type { FillPlan, WorkbookAnalysis } from "../engine/api";
import type { EngineSettings, EngineSettingsInput } from "../engine/model/indicator";
import type { WorkbookPort, WorkbookSnapshot } from "../workbook/port";
import type { Step } from "./operation";
import { serializeSettings } from "./settings";

/**
 * The settings as engine input: the stored fields plus the language. (The resolved default pace
 * bands end at -Infinity, which the engine's schema does not take back as input.)
 */
export function engineInput(s: EngineSettings): EngineSettingsInput {
  return { ...(JSON.parse(serializeSettings(s)) as EngineSettingsInput), locale: s.locale };
}

export interface AnalysisResult {
  snapshot: WorkbookSnapshot;
  analysis: WorkbookAnalysis;
  plan: FillPlan | null;
}

/** Read every sheet (cross-sheet rules need them all), analyse, and optionally plan the fill. */
export async function readAndAnalyze(
  port: WorkbookPort,
  settings: EngineSettings,
  step: Step,
  withPlan: boolean,
): Promise<AnalysisResult> {
  await step("pane.progress.reading");
  const snapshot = await port.readSnapshot();
  await step("pane.progress.analyzing");
  const input = engineInput(settings);
  const analysis = checkWorkbook(snapshot, input);
  const plan = withPlan ? planFill(snapshot, input) : null;
  return { snapshot, analysis, plan };
}

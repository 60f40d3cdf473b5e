/** Standard templates: definitions as data, a pure renderer, and conflict detection. */
export * from "./schema";
export * from "./params";
export * from "./render";
export * from "./load";
export {
  BUILTIN_TEMPLATES,
  TREND_LEGEND,
  TREND_MARKS,
  EVALUATION_LEGEND,
  EVALUATION_MARKS,
  RESULT_CHOICES,
  DIRECTION_CHOICES,
  TICK,
  INDICATOR_CATEGORIES,
  JUSOTEKI_CATEGORIES,
  PROJECT_TYPES,
} from "./catalogue";

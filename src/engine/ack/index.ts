/** Acknowledged findings (確認済み): the stored model, the subject of a finding, sorting findings. */
export * from "./schema";
export * from "./subject";
export * from "./apply";

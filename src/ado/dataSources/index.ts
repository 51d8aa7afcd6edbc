export { analyticsDataSource, analyticsProperty, pointScope } from "./analytics";
export type { AnalyticsSourceOptions } from "./analytics";
export { chooseDataSource, isAnalyticsUnavailable } from "./choose";
export type { ChooseOptions, ChosenDataSource } from "./choose";
export { restDataSource } from "./rest";
export type * from "./types";

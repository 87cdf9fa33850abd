/** The PDSA Workbench core: no VS Code, no Node built-ins. Shells inject I/O by feeding text to a Workspace. */
export * from './diagnostics';
export * from './workspace';
export * from './worksheet';
export * from './symbols';
export * from './series';
export * from './uri';
export { parseYaml } from './parse';
export { cycleSchema, type Cycle } from './schema/cycle';
export { factorsSchema, type Factors, type Measure, type Factor, type Strategy, type Target } from './schema/factors';
export { configSchema, type Config } from './schema/config';
export { FORMAT_VERSION, isIsoDate } from './schema/common';
export * from './host';

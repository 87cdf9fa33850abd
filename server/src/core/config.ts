import type { Diagnostic } from './diagnostics';
import { CODES } from './diagnostics';
import { parseYaml } from './parse';
import { configSchema, type Config } from './schema/config';
import { validateAgainst } from './validate';

export interface LoadedConfig {
  config: Config;
  diagnostics: Diagnostic[];
}

/** Reads pdsa.config.yaml. A broken config reports its problems and falls back to the defaults, so checking goes on. */
export function loadConfig(uri: string, text: string): LoadedConfig {
  const parsed = parseYaml(uri, text);
  const diagnostics = parsed.diagnostics.filter((d) => d.code !== 'empty-file');
  if (!parsed.doc || parsed.fatal) return { config: {}, diagnostics };
  const v = validateAgainst(configSchema, uri, parsed.doc, text, parsed.lineCounter, parsed.value);
  return { config: v.data ?? {}, diagnostics: [...diagnostics, ...v.diagnostics] };
}

/** Applies the config to a file's diagnostics: coaching checks can be turned off or re-graded. */
export function applyConfig(config: Config, diagnostics: Diagnostic[]): Diagnostic[] {
  const checks = config.checks;
  if (!checks) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = CODES[d.code].coaching ? checks[d.code] : undefined;
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

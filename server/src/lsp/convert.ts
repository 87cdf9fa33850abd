import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostics';
import type { DiagnosticData } from '../core/service/actions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = {};
  if (d.suggestion) data.suggestion = d.suggestion.newText;
  if (d.missing) data.missing = d.missing;
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'pdsa',
    message: d.message,
    data: data.suggestion !== undefined || data.missing ? data : undefined,
  };
}

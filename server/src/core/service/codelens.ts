import type { CodeLens } from 'vscode-languageserver-types';
import type { WorksheetFile } from '../worksheet';

/** "Show run chart" above each measure of a factors file. */
export function codeLenses(file: WorksheetFile): CodeLens[] {
  if (file.kind !== 'factors') return [];
  return file.symbols.definitions
    .filter((d) => d.kind === 'measure')
    .map((d) => ({
      range: { start: { line: d.range.start.line, character: 0 }, end: d.range.start },
      command: { title: '$(graph-line) Show run chart', command: 'pdsa.showRunChart', arguments: [d.id] },
    }));
}

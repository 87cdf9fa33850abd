import { isScalar, type Document, type LineCounter } from 'yaml';
import { forEachNode } from '../ast';
import type { Diagnostic } from '../diagnostics';
import { diagnostic } from '../parse';
import { rangeOf } from '../text';

/**
 * Characters no worksheet text should hold: control characters other than tab and line breaks,
 * Unicode non-characters (U+FFFE, U+FDD0...) and unpaired surrogates. Raw control bytes are refused
 * before parsing (not-text); these arrive through YAML escapes ("\a", "\x1b", "\uFFFE") or as C1
 * characters, pass for text, and then break charts (not valid XML), reports and terminals.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTER = /(?![\t\n\r])[\p{Cc}\p{Noncharacter_Code_Point}\p{Cs}]/u;

export function unsafeCharacters(uri: string, doc: Document, text: string, lc: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Values can only hold such a character if the text does, or spells one with a "\" escape: most
  // files have neither, and need no walk.
  if (!text.includes('\\') && !UNSAFE_CHARACTER.test(text)) return out;
  forEachNode(doc, (node) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const m = UNSAFE_CHARACTER.exec(node.value);
    if (!m || !node.range) return;
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const what = /\p{Cc}/u.test(m[0])
      ? 'an invisible control character'
      : /\p{Cs}/u.test(m[0])
        ? 'half of a character (an unpaired surrogate)'
        : 'a Unicode non-character';
    out.push(
      diagnostic(
        uri,
        rangeOf(lc, node.range[0], node.range[1]),
        'unsafe-character',
        `this text holds ${what} (U+${code}): remove it; it cannot be shown in charts or reports`,
      ),
    );
  });
  return out;
}

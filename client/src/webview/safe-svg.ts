/**
 * Parses an SVG our core renderer produced and keeps only the elements and attributes the renderer
 * emits: defence in depth, so that even a renderer bug could not let worksheet text become script.
 */
export function safeSvg(text: string, elements: ReadonlySet<string>, attributes: RegExp): Element {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (doc.documentElement.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length)
    throw new Error('the picture could not be drawn');
  clean(doc.documentElement, elements, attributes);
  return document.importNode(doc.documentElement, true);
}

/**
 * Many SVGs at once (a dashboard's hundreds of small multiples): one parse for all of them, which
 * costs a fraction of a parse each. Same allow-list; the result has one element per text, in order.
 */
export function safeSvgs(texts: readonly string[], elements: ReadonlySet<string>, attributes: RegExp): Element[] {
  if (texts.length === 0) return [];
  const doc = new DOMParser().parseFromString(
    `<svg xmlns="http://www.w3.org/2000/svg">${texts.join('')}</svg>`,
    'image/svg+xml',
  );
  const root = doc.documentElement;
  const parts = [...root.children];
  // A text that is not one well-formed SVG would shift every picture after it: parse each alone then.
  if (
    root.nodeName !== 'svg' ||
    doc.getElementsByTagName('parsererror').length ||
    parts.length !== texts.length ||
    parts.some((p) => p.localName !== 'svg')
  )
    return texts.map((t) => safeSvg(t, elements, attributes));
  clean(root, elements, attributes);
  const imported = document.importNode(root, true);
  return [...imported.children];
}

/** Removes every element and attribute the renderer does not emit, in one pass over the tree. */
function clean(root: Element, elements: ReadonlySet<string>, attributes: RegExp): void {
  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    if (el !== root && !elements.has(el.localName)) {
      el.remove();
      continue;
    }
    const attrs = el.attributes;
    for (let i = attrs.length - 1; i >= 0; i--) {
      const name = attrs[i]!.name;
      if (!attributes.test(name)) el.removeAttribute(name);
    }
  }
}

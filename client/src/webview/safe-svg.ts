/**
 * Parses an SVG our core renderer produced and keeps only the elements and attributes the renderer
 * emits: defence in depth, so that even a renderer bug could not let worksheet text become script.
 */
export function safeSvg(text: string, elements: ReadonlySet<string>, attributes: RegExp): Element {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (doc.documentElement.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length)
    throw new Error('the picture could not be drawn');
  const walk = (el: Element) => {
    for (const child of [...el.children]) {
      if (elements.has(child.localName)) walk(child);
      else child.remove();
    }
    for (const a of [...el.attributes]) if (!attributes.test(a.name)) el.removeAttribute(a.name);
  };
  walk(doc.documentElement);
  return document.importNode(doc.documentElement, true);
}

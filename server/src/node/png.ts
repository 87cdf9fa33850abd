// Rasterises the renderers' SVG to PNG with resvg (a Rust SVG renderer, no browser needed).
import { Resvg } from '@resvg/resvg-js';

/**
 * resvg's CSS support has no custom properties: the standalone style's `var(--name, fallback)`
 * becomes its fallback colour first.
 */
export function flattenCssVariables(svg: string): string {
  return svg.replace(/var\(--[\w-]+,\s*([^()]+?)\)/g, '$1');
}

/** A PNG of the SVG at `scale` times its size (2 gives crisp text on high-density screens). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(flattenCssVariables(svg), {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

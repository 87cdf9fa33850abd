// The chart as a picture to share: PNG drawn on the webview's own canvas from the core's SVG. The
// webview does this (not the extension) so it works in every extension host: the web worker host of
// VS Code for the Web has no native modules, and the .vsix ships none. The page's CSP allows
// `img-src data:`, which is what lets the SVG load as an image.

/** Draws an SVG onto a canvas at `scale` times its size and returns the PNG, or undefined. */
export function svgToPngBlob(svg: string, scale = 2): Promise<Blob | undefined> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx || !canvas.width || !canvas.height) return resolve(undefined);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/png');
    };
    img.onerror = () => resolve(undefined);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/** A blob as base64 (the message channel to the extension carries strings). */
export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Puts the PNG on the clipboard. The ClipboardItem gets a promise, so the write starts inside the
 * click (the user gesture the browser asks for) while the picture is still being drawn. VS Code's
 * webview frames allow `clipboard-write`; where a browser still refuses, the reason is returned.
 */
export async function copyPng(svg: string): Promise<string | undefined> {
  try {
    const png = svgToPngBlob(svg).then((blob) => {
      if (!blob) throw new Error('the chart could not be drawn');
      return blob;
    });
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

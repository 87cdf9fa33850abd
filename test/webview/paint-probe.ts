// Measures one message to a webview in the browser: the time until the pixels it causes are on
// screen, and how many times it drew (the children of the element it draws into replaced).
import type { Page } from 'playwright-core';

export interface Paint {
  ms: number;
  draws: number;
}

/** Posts a message to the page and measures it to pixels; `root` is the element whose children the webview replaces to draw. */
export async function paint(page: Page, root: string, message: unknown): Promise<Paint> {
  return page.evaluate(
    async ({ root, message }) => {
      const target = document.getElementById(root)!;
      let draws = 0;
      const observer = new MutationObserver((records) => (draws += records.length));
      observer.observe(target, { childList: true });
      const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const start = performance.now();
      window.postMessage(message, '*');
      // The webview's own message listener runs first; wait for it to have run.
      await new Promise<void>((resolve) => window.addEventListener('message', () => resolve(), { once: true }));
      // Frames until one passes without a new draw; the time is that of the first frame showing the last draw.
      const frames: [number, number][] = [];
      for (;;) {
        await afterPaint();
        frames.push([performance.now(), draws]);
        if (frames.length >= 2 && frames[frames.length - 1]![1] === frames[frames.length - 2]![1]) break;
      }
      observer.disconnect();
      const final = frames[frames.length - 1]![1];
      return { ms: frames.find(([, d]) => d === final)![0] - start, draws: final };
    },
    { root, message },
  );
}

// The driver diagram draws once per message, with scrollbars that take space as in VS Code's webviews:
// the scroll bar appearing under a tall diagram must not lay it out a second time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigDriverWorkspace } from '../../bench/generate';
import { buildDriverModel } from '../../server/src/core/analytics/drivers';
import { DRIVERS_BODY } from '../../client/src/panels/drivers-body';
import { openHarness, type Harness } from './harness';
import { paint } from './paint-probe';

function message(title: string): unknown {
  const model = buildDriverModel(bigDriverWorkspace(), 'file:///big/big.factors.yaml');
  model.focus.title = title;
  return { type: 'model', model, state: { uri: model.focus.uri, view: 'drivers', expanded: [] } };
}

describe('driver-diagram webview draws once per message (Chromium, 600 px, scrollbars that take space)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('drivers', DRIVERS_BODY, { viewport: { width: 600, height: 800 }, scrollbars: true });
  });
  afterAll(async () => h?.close());

  it('draws the first diagram once, though it is taller than the panel', async () => {
    expect((await paint(h.page, 'diagram', message('First'))).draws).toBe(1);
    const host = await h.page
      .locator('#diagram')
      .evaluate((el) => ({ tall: el.scrollHeight > el.clientHeight, wide: el.scrollWidth - el.clientWidth }));
    expect(host.tall).toBe(true);
    expect(host.wide).toBeLessThanOrEqual(1);
  });

  it('draws each change once', async () => {
    for (const title of ['Second', 'Third']) expect((await paint(h.page, 'diagram', message(title))).draws).toBe(1);
  });
});

// The shutter of the app's camera: a press takes the viewfinder's newest full-size frame, develops it
// through the look and files it. Between presses it gets the next shot ready (its grain drawn ahead, with the
// seed that shot will use), so a press costs the look's colour, the encode and the catalog, not the grain.
import { randomInt } from 'node:crypto';
import * as looks from '../looks/index.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import type { LocationStore } from '../location/index.ts';
import type { Settings } from '../settings/index.ts';
import type { CaptureControl } from './capture-control.ts';
import { shoot } from './shoot.ts';

export type ShotRequest = { lookId: string; strength?: number; grain?: number };

export type Shutter = ReturnType<typeof createShutter>;

export function createShutter(deps: { control: CaptureControl; settings: Settings; library: Library; locationStore: LocationStore }) {
  /** The seed the next shot with these settings at this size will use, its grain already drawn. */
  let next: { key: string; seed: number; abandon: AbortController } | null = null;
  const keyOf = (request: ShotRequest, size: { width: number; height: number }) =>
    JSON.stringify([request.lookId, request.strength ?? 1, request.grain ?? 1, size.width, size.height]);

  function ready(request: ShotRequest): void {
    const size = deps.control.fullSize();
    if (!size) return;
    looks.getLook(request.lookId);
    const key = keyOf(request, size);
    if (next?.key !== key) {
      // Another look or strength: the grain drawn for the old one would never be used.
      next?.abandon.abort();
      next = { key, seed: randomInt(2 ** 31), abandon: new AbortController() };
    }
    // Only a head start: a press before it is done simply draws what is missing itself.
    void looks.prepareStill(size, { lookId: request.lookId, strength: request.strength, grain: request.grain, seed: next.seed, signal: next.abandon.signal }).catch(() => undefined);
  }

  async function press(request: ShotRequest): Promise<LibraryItem> {
    const { frame: pending, deviceId } = deps.control.captureStill();
    const frame = await pending;
    const { mirror, saveMirrored } = deps.settings.device(deviceId);
    const key = keyOf(request, frame);
    const seed = next?.key === key ? next.seed : undefined;
    // The plate this press takes is left to finish; one for other settings is dropped.
    if (next && next.key !== key) next.abandon.abort();
    next = null;
    try {
      return await shoot({ library: deps.library, frame, lookId: request.lookId, strength: request.strength, grain: request.grain, mirror: mirror && saveMirrored, seed, location: deps.locationStore.forNewShot() });
    } finally {
      ready(request);
    }
  }

  return { ready, press };
}

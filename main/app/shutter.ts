// The shutter of the app's camera: a press takes the viewfinder's newest full-size frame, develops it
// through the look and files it. Between presses it gets the next shot ready (its grain drawn ahead, with the
// seed that shot will use), so a press costs the look's colour, the encode and the catalog, not the grain.
//
// A half-frame camera (Twin Half) prints two presses side by side: the first press is kept here as the
// pending half and the second files the pair. A half never paired is not lost: `finishHalf` files it as a
// single half-frame print, and it runs when the page changes camera, device or mode, leaves the camera view,
// or when the app closes; a press with another camera or device files it first too.
import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import * as looks from '../looks/index.ts';
import { aspectCropSize } from '../shared/looks/math.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import type { LocationStore } from '../location/index.ts';
import type { Settings } from '../settings/index.ts';
import type { CaptureControl } from './capture-control.ts';
import { mirrorRows, shoot, type RawFrame } from './shoot.ts';

export type ShotRequest = { lookId: string; strength?: number; grain?: number };

/** The first half of a half-frame pair, taken and waiting for the second press. */
export type HalfTaken = { half: 1; lookId: string; preview: Uint8Array };

/** How long after a press the next shot is got ready. */
const READY_AFTER_PRESS_MS = 300;

/** The inset the viewfinder shows of the first half: small, developed as the print will have it. */
const HALF_PREVIEW_HEIGHT = 480;

type PendingHalf = { frame: RawFrame; deviceId: string; request: ShotRequest; mirror: boolean; seed: number | undefined };

export type Shutter = ReturnType<typeof createShutter>;

export function createShutter(deps: { control: CaptureControl; settings: Settings; library: Library; locationStore: LocationStore }) {
  /** The seed the next shot with these settings at this size will use, its grain already drawn. */
  let next: { key: string; seed: number; abandon: AbortController } | null = null;
  let readyAfterPress: ReturnType<typeof setTimeout> | undefined;
  const keyOf = (request: ShotRequest, size: { width: number; height: number }) =>
    JSON.stringify([request.lookId, request.strength ?? 1, request.grain ?? 1, size.width, size.height]);

  /** The page's ask (the camera chosen or changed) replaces a head start a press left waiting. */
  function ready(request: ShotRequest): void {
    clearTimeout(readyAfterPress);
    prepareNext(request);
  }

  function prepareNext(request: ShotRequest): void {
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

  let pending: PendingHalf | null = null;

  async function press(request: ShotRequest): Promise<LibraryItem | HalfTaken> {
    const look = looks.getLook(request.lookId);
    const { frame: captured, deviceId } = deps.control.captureStill();
    const frame = await captured;
    const { mirror, saveMirrored } = deps.settings.device(deviceId);
    const key = keyOf(request, frame);
    const seed = next?.key === key ? next.seed : undefined;
    // The plate this press takes is left to finish; one for other settings is dropped.
    if (next && next.key !== key) next.abandon.abort();
    next = null;
    const halves = look.frame === 'half-frame';
    if (pending && (!halves || pending.request.lookId !== request.lookId || pending.deviceId !== deviceId)) await finishHalf();
    try {
      if (halves && !pending) {
        pending = { frame, deviceId, request, mirror: mirror && saveMirrored, seed };
        return { half: 1, lookId: request.lookId, preview: await halfPreview(pending) };
      }
      const first = halves ? pending : null;
      pending = null;
      return await deps.control.holdPreview(shoot({
        library: deps.library,
        frame: first?.frame ?? frame,
        ...(first ? { second: frame } : {}),
        lookId: request.lookId,
        strength: request.strength,
        grain: request.grain,
        mirror: mirror && saveMirrored,
        seed: first ? first.seed : seed,
        location: deps.locationStore.forNewShot(),
      }));
    } finally {
      // The next shot is got ready once the page has had this one (its thumbnail, its viewfinder back): drawn
      // at once, its grain would take a core from them. Burst presses come a second apart, well after.
      clearTimeout(readyAfterPress);
      readyAfterPress = setTimeout(() => {
        try {
          prepareNext(request);
        } catch {
          // The look was deleted meanwhile: there is no next shot of it to get ready.
        }
      }, READY_AFTER_PRESS_MS).unref();
    }
  }

  /** The first half, developed small with the seed its print will use: what the viewfinder shows beside the live half. */
  async function halfPreview(half: PendingHalf): Promise<Uint8Array> {
    const { frame } = half;
    const kept = aspectCropSize(frame.width, frame.height, looks.previewLook(half.request.lookId).params.aspect);
    const scale = Math.min(1, HALF_PREVIEW_HEIGHT / kept.height);
    const width = Math.max(16, Math.round(kept.width * scale));
    const height = Math.max(16, Math.round(kept.height * scale));
    const small = await sharp(frame.raw, { raw: { width: frame.width, height: frame.height, channels: 3 } }).resize({ width, height, fit: 'cover' }).raw().toBuffer();
    const raw = half.mirror ? mirrorRows(small, width, height) : small;
    const developed = await looks.developStill({ raw, width, height, channels: 3 }, { lookId: half.request.lookId, strength: half.request.strength, grain: half.request.grain, seed: half.seed, dateStamp: frame.at, format: 'jpeg', quality: 85 });
    // The viewfinder draws the print around it: keep the picture, cut from its border (the same on every side).
    const border = Math.round((developed.height - height) / 2);
    return new Uint8Array(await sharp(developed.data).extract({ left: border, top: border, width, height }).jpeg({ quality: 85 }).toBuffer());
  }

  /** Files a half still waiting for its pair as a single half-frame print; null when none waits. */
  async function finishHalf(): Promise<LibraryItem | null> {
    const half = pending;
    if (!half) return null;
    pending = null;
    return shoot({ library: deps.library, frame: half.frame, lookId: half.request.lookId, strength: half.request.strength, grain: half.request.grain, mirror: half.mirror, seed: half.seed, location: deps.locationStore.forNewShot() });
  }

  return { ready, press, finishHalf };
}

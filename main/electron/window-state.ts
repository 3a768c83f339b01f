// The window comes back where it was, unless that place is gone: a monitor
// unplugged or made smaller must not leave the window off-screen or larger
// than the screen. Placement is plain data in, plain data out.
import type { BrowserWindow, Rectangle } from 'electron';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MIN_SIZE = { width: 720, height: 520 } as const;
const DEFAULT_SIZE = { width: 1280, height: 860 } as const;
/** How much of the window's top edge (where it is dragged from) must be on a screen for it to count as visible. */
const GRIP = { width: 120, height: 32 } as const;

const SavedState = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});
type SavedState = z.infer<typeof SavedState>;

/** Omitting x and y lets Electron centre the window on the primary display. */
export type Placement = { bounds: { width: number; height: number; x?: number; y?: number }; maximized: boolean };

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const fit = (size: { width: number; height: number }, area: Rectangle) => ({
  width: Math.max(MIN_SIZE.width, Math.min(size.width, area.width)),
  height: Math.max(MIN_SIZE.height, Math.min(size.height, area.height)),
});

/**
 * Where to open the window, given what was saved (anything: it is read from disk) and the work areas of the
 * displays there are now, primary first.
 */
export function placeWindow(saved: unknown, workAreas: Rectangle[]): Placement {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const parsed = SavedState.safeParse(saved);
  if (!parsed.success) return { bounds: fit(DEFAULT_SIZE, primary), maximized: false };
  const { bounds, maximized } = parsed.data;
  const grip = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(GRIP.height, bounds.height) };
  const home = workAreas.find((area) => {
    const shared = overlap(grip, area);
    return shared.width >= Math.min(GRIP.width, bounds.width) && shared.height >= grip.height;
  });
  if (!home) return { bounds: fit(bounds, primary), maximized };
  const size = fit(bounds, home);
  // Shrunk to the display, it may still hang over an edge: pull it back inside.
  const x = Math.min(Math.max(bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(bounds.y, home.y), home.y + home.height - size.height);
  return { bounds: { ...size, x, y }, maximized };
}

export function loadWindowState(dataDir: string, workAreas: Rectangle[]): Placement {
  let saved: unknown = null;
  try {
    saved = JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'));
  } catch {
    // No file yet, or not JSON: the default place.
  }
  return placeWindow(saved, workAreas);
}

export function rememberWindowState(window: BrowserWindow, dataDir: string): void {
  const file = path.join(dataDir, 'window-state.json');
  const temp = `${file}.${process.pid}.tmp`;
  const current = (): SavedState => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.isDestroyed()) return;
      void writeFile(temp, JSON.stringify(current()))
        .then(() => rename(temp, file))
        .catch(() => undefined);
    }, 400);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  // On close the app may be about to quit: written at once, so the last place is never lost to the exit.
  window.on('close', () => {
    clearTimeout(timer);
    try {
      writeFileSync(temp, JSON.stringify(current()));
      renameSync(temp, file);
    } catch {
      // A window state that cannot be saved only costs its place next time.
    }
  });
}

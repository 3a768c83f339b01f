// Placement only: plain data in and out. The shell suite (tests/shell) shows the window opening there.
import { describe, expect, test } from 'vitest';
import { placeWindow } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1040 };

describe('where the window opens', () => {
  test('where it was, when that place is on a screen', () => {
    expect(placeWindow({ bounds: { x: -1800, y: 50, width: 1200, height: 800 }, maximized: true }, [laptop, leftMonitor])).toEqual({
      bounds: { x: -1800, y: 50, width: 1200, height: 800 },
      maximized: true,
    });
  });

  test('centred on the primary screen, at a size that fits it, when its screen is gone', () => {
    expect(placeWindow({ bounds: { x: -1800, y: 50, width: 1600, height: 1000 }, maximized: false }, [laptop])).toEqual({
      bounds: { width: 1366, height: 728 },
      maximized: false,
    });
  });

  test('a window whose title bar hangs off the top is not counted as visible', () => {
    expect(placeWindow({ bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false }, [laptop]).bounds).toEqual({ width: 800, height: 600 });
  });

  test('shrunk to a smaller screen and pulled back inside it', () => {
    expect(placeWindow({ bounds: { x: 1000, y: 300, width: 1280, height: 860 }, maximized: false }, [laptop]).bounds).toEqual({ x: 86, y: 0, width: 1280, height: 728 });
  });

  test('never below the minimum size the window allows', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(placeWindow(null, [tiny]).bounds).toEqual({ width: 720, height: 520 });
  });

  test('garbage on disk gives the default place', () => {
    for (const saved of [null, 'x', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }, { bounds: { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 10 }, maximized: false }, { bounds: { x: 0.5, y: 0, width: 800, height: 600 }, maximized: false }]) {
      expect(placeWindow(saved, [laptop])).toEqual({ bounds: { width: 1280, height: 728 }, maximized: false });
    }
  });
});

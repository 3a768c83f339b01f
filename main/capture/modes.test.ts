import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseMode } from './modes.ts';
import { parseV4l2CtlFormats, parseV4l2Formats } from './parsers.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('chooseMode', () => {
  const c920 = parseV4l2Formats(fixture('v4l2-list-formats-c920.txt'))!;

  it('defaults to the largest MJPEG mode up to 1080p, not the 2304x1536 YUYV mode', () => {
    expect(chooseMode(c920)?.mode).toEqual({ width: 1920, height: 1080, fps: [], pixelFormat: 'mjpeg' });
  });

  it('takes an exact size in the best format, else the smallest mode covering it', () => {
    expect(chooseMode(c920, { size: { width: 1280, height: 720 } })?.mode.pixelFormat).toBe('mjpeg');
    expect(chooseMode(c920, { size: { width: 2304, height: 1296 } })?.mode).toMatchObject({ width: 2304, height: 1296, pixelFormat: 'yuyv422' });
    expect(chooseMode(c920, { size: { width: 1000, height: 700 } })?.mode).toMatchObject({ width: 1280, height: 720, pixelFormat: 'mjpeg' });
    expect(chooseMode(c920, { size: { width: 4096, height: 2160 } })?.mode).toMatchObject({ width: 2304, height: 1536 });
  });

  it('uses known frame rates: skips 5 fps modes and picks the requested or highest rate up to 30', () => {
    const withRates = parseV4l2CtlFormats(fixture('v4l2-ctl-list-formats-ext.txt'));
    const auto = chooseMode(withRates)!;
    expect(auto.mode).toMatchObject({ width: 1920, height: 1080, pixelFormat: 'mjpeg' });
    expect(auto.fps).toBe(30);
    expect(chooseMode(withRates, { size: { width: 1920, height: 1080 }, fps: 24 })?.fps).toBe(24);
    const yuyvOnly = withRates.filter((m) => m.pixelFormat === 'yuyv422');
    expect(chooseMode(yuyvOnly)?.mode).toMatchObject({ width: 640, height: 480 });
  });

  it('returns nothing for a device without modes', () => {
    expect(chooseMode([])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { shutterSamples } from './shutter-sound.ts';

describe('shutter sound', () => {
  const rate = 48_000;
  const samples = shutterSamples(rate);
  const rms = (from: number, to: number) => {
    const part = samples.subarray(Math.round(from * rate), Math.round(to * rate));
    return Math.sqrt(part.reduce((sum, x) => sum + x * x, 0) / part.length);
  };

  it('is short and never clips', () => {
    expect(samples.length / rate).toBeLessThanOrEqual(0.15);
    expect(Math.max(...samples.map(Math.abs))).toBeCloseTo(0.6, 5);
  });

  it('is two clicks, each loud at its start and fading, with near silence at the end (no click on stop)', () => {
    expect(rms(0, 0.005)).toBeGreaterThan(0.1);
    expect(rms(0.03, 0.04)).toBeLessThan(rms(0, 0.005) / 4);
    expect(rms(0.045, 0.05)).toBeGreaterThan(rms(0.03, 0.04) * 3);
    expect(rms(0.11, 0.12)).toBeLessThan(0.01);
  });

  it('is the same every time, at any sample rate', () => {
    expect(shutterSamples(rate)).toEqual(samples);
    expect(shutterSamples(44_100).length).toBe(Math.round(44_100 * 0.12));
  });
});

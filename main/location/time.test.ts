import { describe, expect, it } from 'vitest';
import { captureInstant, checkZone, formatTimeOffset, parseTimeOffset, wallToInstant } from './time.ts';

describe('captureInstant', () => {
  it("uses the photo's own offset first, whatever zone the user states", () => {
    const result = captureInstant({ wallClock: '2024:05:01 12:00:00', subSec: '250', offset: '+02:00' }, { zone: 'America/New_York' });
    expect(result).toEqual({ ok: true, time: Date.UTC(2024, 4, 1, 10, 0, 0, 250), zoneFrom: 'photo' });
  });

  it('uses the stated zone when the photo has no offset, with summer time at that date', () => {
    // Lisbon is UTC+1 in May and UTC+0 in January.
    expect(captureInstant({ wallClock: '2024:05:01 12:00:00' }, { zone: 'Europe/Lisbon' })).toEqual({ ok: true, time: Date.UTC(2024, 4, 1, 11), zoneFrom: 'stated' });
    expect(captureInstant({ wallClock: '2024:01:15 12:00:00' }, { zone: 'Europe/Lisbon' })).toEqual({ ok: true, time: Date.UTC(2024, 0, 15, 12), zoneFrom: 'stated' });
    expect(captureInstant({ wallClock: '2024:01:15 12:00:00' }, { zone: '-05:30' })).toEqual({ ok: true, time: Date.UTC(2024, 0, 15, 17, 30), zoneFrom: 'stated' });
  });

  it('reports a photo without an offset or a stated zone instead of guessing', () => {
    expect(captureInstant({ wallClock: '2024:05:01 12:00:00' })).toEqual({ ok: false, reason: 'no-zone' });
    expect(captureInstant(null)).toEqual({ ok: false, reason: 'no-capture-time' });
    expect(captureInstant({ wallClock: '0000:00:00 00:00:00' }, { zone: 'Z' })).toEqual({ ok: false, reason: 'no-capture-time' });
  });

  it('takes QuickTime UTC dates as UTC, and adds the camera clock offset', () => {
    expect(captureInstant({ wallClock: '2024:05:01 10:00:00', utc: true }, { offsetSeconds: -90 })).toEqual({ ok: true, time: Date.UTC(2024, 4, 1, 9, 58, 30), zoneFrom: 'utc' });
  });
});

describe('zones and offsets', () => {
  it('finds the right instant on both sides of a change to summer time', () => {
    // New York moved to UTC-4 at 02:00 local on 10 March 2024.
    expect(wallToInstant(Date.UTC(2024, 2, 10, 1, 30), 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 6, 30));
    expect(wallToInstant(Date.UTC(2024, 2, 10, 3, 30), 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 30));
  });

  it('refuses a zone that is neither an offset nor a known name', () => {
    expect(checkZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(checkZone('+0800')).toBe('+0800');
    expect(() => checkZone('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'location.bad-zone' }));
  });

  it('reads ±HH:MM:SS offsets and writes them back', () => {
    expect(parseTimeOffset('-00:01:30')).toBe(-90);
    expect(parseTimeOffset('+1:00:00')).toBe(3600);
    expect(parseTimeOffset('45')).toBe(45);
    expect(formatTimeOffset(-90)).toBe('-00:01:30');
    expect(() => parseTimeOffset('1:75')).toThrow(expect.objectContaining({ code: 'location.bad-offset' }));
    expect(() => parseTimeOffset('soon')).toThrow(expect.objectContaining({ code: 'location.bad-offset' }));
  });
});

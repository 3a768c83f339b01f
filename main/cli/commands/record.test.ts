// The record command's warning when a clip came out shorter, or slower, than asked: in both languages.
import { describe, expect, it } from 'vitest';
import type { RecordOutcome } from '../../app/record.ts';
import type { LibraryItem } from '../../library/index.ts';
import { slowWarning } from './record.ts';

const outcome = (patch: Partial<RecordOutcome>, durationSec: number): RecordOutcome => ({
  item: { width: 1920, height: 1080, durationSec, lookName: 'Reel 8' } as LibraryItem,
  askedSeconds: 3,
  wallSeconds: 3,
  speed: 0.7,
  paced: false,
  suggestion: { width: 1280, height: 720 },
  ...patch,
});

describe('record’s warning', () => {
  it('says a clip is shorter than asked, why, and what to try, in English', () => {
    expect(slowWarning(outcome({}, 2.1), 'en')).toBe(
      'recorded only 2.1 s of the 3 s asked for: this computer developed 1920x1080 with Reel 8 at 0.70x real time. Try --size 1280x720 or a lighter look.',
    );
  });

  it('and in Chinese', () => {
    expect(slowWarning(outcome({}, 2.1), 'zh-CN')).toBe('要求录制 3 秒，只录到 2.1 秒：这台电脑用 Reel 8 冲洗 1920x1080 画面的速度只有实时的 0.70 倍。请试试 --size 1280x720 或更轻量的相机。');
    expect(slowWarning(outcome({ paced: true, wallSeconds: 4.3, suggestion: null }, 3), 'zh-CN')).toBe(
      '3.0 秒的视频用了 4.3 秒才录完：这台电脑用 Reel 8 冲洗 1920x1080 画面的速度只有实时的 0.70 倍；用摄像头录制这个尺寸会丢帧。',
    );
  });

  it('says nothing when the computer kept up', () => {
    expect(slowWarning(outcome({ speed: 1.2, paced: true }, 3), 'zh-CN')).toBeNull();
  });
});

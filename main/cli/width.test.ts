import { describe, expect, it } from 'vitest';
import { displayWidth, fit, padEnd } from './width.ts';

describe('columns on a terminal', () => {
  it('counts Chinese characters and full-width punctuation as two columns, the rest as one', () => {
    expect(displayWidth('demo')).toBe(4);
    expect(displayWidth('演示摄像头（内置场景）')).toBe(22);
    expect(displayWidth('Harbor 400 的照片')).toBe(17);
  });

  it('pads a table cell to the same column in either language', () => {
    const cells = ['演示摄像头（内置场景）', '测试卡（彩条和时钟）', 'Test card'].map((cell) => `${padEnd(cell, 22)}|`);
    expect(cells.map(displayWidth)).toEqual([23, 23, 23]);
    expect(cells[1]).toBe('测试卡（彩条和时钟）  |');
  });

  it('cuts to the columns given, never half a character over', () => {
    expect(fit('abcdef', 6)).toBe('abcdef');
    expect(fit('abcdefg', 6)).toBe('abcde…');
    expect(fit('照片照片照片', 6)).toBe('照片…');
    expect(displayWidth(fit('a照片照片照片', 6))).toBe(6);
  });

  it('gives emoji two columns and combining marks none, and never cuts between them', () => {
    expect(displayWidth('📷 roll 1')).toBe(9);
    expect(displayWidth('Cafe\u0301')).toBe(4);
    expect(displayWidth('家族👨‍👩‍👧')).toBe(6);
    // The accent stays with its letter, the family emoji is whole or gone.
    expect(fit('Cafe\u0301 de Flore', 5)).toBe('Cafe\u0301…');
    expect(fit('家族👨‍👩‍👧 trip', 7)).toBe('家族👨‍👩‍👧…');
    expect(fit('家族👨‍👩‍👧 trip', 6)).toBe('家族…');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureTexts, checkTemplate, exportFileName, fillTemplate, MAX_NAME_BYTES, numberedName, parseIsoCapture, safeStem, seqText } from '../shared/export/names.ts';

const values = { date: '2024-05-01', time: '10-20-30', camera: 'Harbor 400', seq: '007', original: 'DS_20240501_102030' };
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** What every name must be, on every disk (see names.ts). */
function assertSafe(name: string, ext: string) {
  expect(name.endsWith(ext)).toBe(true);
  const stem = name.slice(0, name.length - ext.length);
  expect(stem.length).toBeGreaterThan(0);
  expect(name).not.toMatch(/[/\\:*?"<>|]/);
  // eslint-disable-next-line no-control-regex -- control characters are what must not be there
  expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(name).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  expect(stem).not.toMatch(/^[\s.-]/);
  expect(stem).not.toMatch(/[\s.]$/);
  expect(stem.split('.')[0]!.trim()).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i);
  // Room for the largest collision number after it.
  expect(bytes(numberedName(stem, ext, 9999))).toBeLessThanOrEqual(MAX_NAME_BYTES);
  expect(name.normalize('NFC')).toBe(name);
}

describe('templates', () => {
  it('fills every field, and tells which part of a template is wrong', () => {
    expect(fillTemplate('{date}_{time}_{camera}_{seq}_{original}', values)).toBe('2024-05-01_10-20-30_Harbor 400_007_DS_20240501_102030');
    expect(fillTemplate('trip { seq }', values)).toBe('trip 007');
    expect(checkTemplate('{date}-{camera}')).toBeNull();
    expect(checkTemplate('{date}-{place}')).toEqual({ problem: 'unknown-field', field: '{place}' });
    expect(checkTemplate('{date')).toEqual({ problem: 'unclosed', at: 0 });
    expect(checkTemplate('a}b')).toEqual({ problem: 'unclosed', at: 1 });
    expect(checkTemplate('   ')).toEqual({ problem: 'empty' });
    expect(checkTemplate('x'.repeat(201))).toEqual({ problem: 'too-long', max: 200 });
  });

  it('gives date and time as the wall clock where the shot was taken, and pads seq to the count', () => {
    const capture = parseIsoCapture('2024-05-01T23:20:30.500-03:00')!;
    expect(capture.utcOffsetMinutes).toBe(-180);
    expect(captureTexts(capture.takenAt, capture.utcOffsetMinutes)).toEqual({ date: '2024-05-01', time: '23-20-30' });
    // The same instant seen in Tokyo is the next morning.
    expect(captureTexts(capture.takenAt, 540)).toEqual({ date: '2024-05-02', time: '11-20-30' });
    expect(seqText(7, 12)).toBe('007');
    expect(seqText(7, 12_000)).toBe('00007');
  });
});

describe('safe names', () => {
  it('cleans what each system refuses or misreads', () => {
    expect(exportFileName('{camera}/{date}', { ...values, camera: '../../etc/passwd' }, '.jpg')).toBe('_.._etc_passwd_2024-05-01.jpg');
    expect(exportFileName('a:b*c?d"e<f>g|h\\i', values, '.png')).toBe('a_b_c_d_e_f_g_h_i.png');
    expect(exportFileName('tab\there\nnew\u0000line\u007f', values, '.jpg')).toBe('tab here newline.jpg');
    // Right-to-left override: "photo‮gpj.exe" would show as "photoexe.jpg".
    expect(exportFileName('photo\u202egpj.exe', values, '.jpg')).toBe('photogpj.exe.jpg');
    expect(exportFileName('.hidden', values, '.jpg')).toBe('hidden.jpg');
    expect(exportFileName('-rf', values, '.jpg')).toBe('rf.jpg');
    expect(exportFileName('trailing dots...  ', values, '.jpg')).toBe('trailing dots.jpg');
    for (const device of ['CON', 'nul', 'Com1', 'LPT9', 'aux.tar', 'COM¹']) expect(safeStem(device, '.jpg')).toBe(`${device}_`);
    expect(safeStem('console', '.jpg')).toBe('console');
    // Nothing left: the original's name, then a fixed word.
    expect(exportFileName('///', values, '.jpg')).toBe('___.jpg');
    expect(exportFileName('...', values, '.jpg')).toBe('DS_20240501_102030.jpg');
    expect(exportFileName('...', { ...values, original: '' }, '.jpg')).toBe('darkslide.jpg');
    // Decomposed é (e + combining acute) becomes the one character most systems store.
    expect(exportFileName('Cafe\u0301', values, '.jpg')).toBe('Caf\u00e9.jpg');
  });

  it('cuts long names to the byte limit without splitting a character, leaving room for " (9999)"', () => {
    const chinese = '北京'.repeat(200);
    const name = exportFileName(chinese, values, '.avif');
    assertSafe(name, '.avif');
    expect(bytes(name)).toBeGreaterThan(MAX_NAME_BYTES - 10);
    const family = '👨‍👩‍👧'.repeat(40);
    const cut = safeStem(family, '.jpg');
    // Whole emoji sequences only.
    expect(cut.length % '👨‍👩‍👧'.length).toBe(0);
  });

  it('holds for any text at all (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('.jpg', '.png', '.tif', '.webp', '.avif', '.mp4'), (text, ext) => {
        assertSafe(exportFileName(text, values, ext), ext);
      }),
      { numRuns: 500 },
    );
  });

  it('numbers collisions', () => {
    expect(numberedName('trip', '.jpg', 1)).toBe('trip.jpg');
    expect(numberedName('trip', '.jpg', 2)).toBe('trip (2).jpg');
  });
});

import { describe, expect, test } from 'vitest';
import { DarkslideError, errorText, errorTextIn, toErrorData } from './index.ts';
import { format } from '../i18n/format.ts';

describe('the error language', () => {
  test('an error carries its code and params, and its English words say what happened and what to do', () => {
    const error = new DarkslideError('file.disk-full', { file: '/Pictures/trip/a.jpg' });
    expect(error.code).toBe('file.disk-full');
    expect(error.message).toBe('The disk is full: "/Pictures/trip/a.jpg" could not be written. Free some space or choose a folder on another disk, then try again.');
    expect(error.toData()).toEqual({ code: 'file.disk-full', params: { file: '/Pictures/trip/a.jpg' }, message: error.message, button: 'choose-folder' });
  });

  test('the other side shows the same error in its own language', () => {
    const data = new DarkslideError('file.not-found', { file: 'b.png' }).toData();
    const received = DarkslideError.fromData(data);
    expect(received.code).toBe('file.not-found');
    expect(errorText(received.code, received.params, (id, values) => format('zh-CN', id, values))).toBe('“b.png”不存在。请检查文件名和文件夹，或重新选择文件。');
  });

  test('outside React an error is worded in the locale asked for, from a thrown error or its data', () => {
    const thrown = new DarkslideError('file.not-found', { file: 'c.jpg' });
    expect(errorTextIn('zh-CN', thrown)).toBe('“c.jpg”不存在。请检查文件名和文件夹，或重新选择文件。');
    expect(errorTextIn('en', thrown.toData())).toBe('"c.jpg" does not exist. Check the name and the folder, or choose the file again.');
    // A table's code without its params cannot fill its placeholders: the words it came with are kept.
    expect(errorTextIn('zh-CN', { code: 'file.not-found', message: 'as it was sent' })).toBe('as it was sent');
    // Not a table's code (a legacy service error, a bug): its own message.
    expect(errorTextIn('zh-CN', Object.assign(new Error('Camera busy'), { code: 'capture.legacy' }))).toBe('Camera busy');
    expect(errorTextIn('zh-CN', 'plain string')).toBe('plain string');
  });

  test('anything else thrown is a bug, reported as api.internal with its text', () => {
    const data = toErrorData(new TypeError('x is undefined'));
    expect(data.code).toBe('api.internal');
    expect(data.message).toContain('x is undefined');
    expect(toErrorData('plain string').message).toContain('plain string');
  });

  test("Node's own error codes are never passed on as if they were Darkslide's", () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(toErrorData(enoent).code).toBe('api.internal');
  });
});

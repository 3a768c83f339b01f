import { describe, expect, test } from 'vitest';
import { format } from '../../../main/shared/i18n/format.ts';
import { formatCoordinates } from './format.ts';

const translate = (locale: 'en' | 'zh-CN') => (id: string, values?: Record<string, string | number>) => format(locale, id, values);

describe('coordinates in the page language', () => {
  test('English: degrees with five decimals and the hemisphere letter after each', () => {
    expect(formatCoordinates(translate('en'), 38.7075, -9.1364)).toBe('38.70750° N, 9.13640° W');
    expect(formatCoordinates(translate('en'), -33.8688, 151.2093)).toBe('33.86880° S, 151.20930° E');
  });

  test('Chinese: the hemisphere in words before each, as Chinese maps print it', () => {
    expect(formatCoordinates(translate('zh-CN'), 38.7075, -9.1364)).toBe('北纬 38.70750°，西经 9.13640°');
    expect(formatCoordinates(translate('zh-CN'), -33.8688, 151.2093)).toBe('南纬 33.86880°，东经 151.20930°');
  });

  test('five decimals stay five decimals: the locale neither rounds nor groups them', () => {
    expect(formatCoordinates(translate('en'), 0, 179.99999)).toBe('0.00000° N, 179.99999° E');
  });
});

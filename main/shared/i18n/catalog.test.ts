// The catalogues are complete and well-formed in both languages: every message parses as ICU, both
// languages use the same placeholders, and the Chinese is Chinese (not an English copy left behind).
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, test } from 'vitest';
import { errorTables } from '../errors/tables.ts';
import { catalogues, LOCALES, matchLocale } from './catalog.ts';
import { format } from './format.ts';

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      into.add(`${element.value}:${element.type === TYPE.select ? 'select' : 'plural'}`);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
    if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}

/** Brand and format names that are the same in both languages. */
const SAME_IN_BOTH = new Set(['app.name']);
/** Key caps (keyboards print Esc, Delete, letters alike) and each language's own name (language pickers name it in itself). */
const SAME_IN_BOTH_UNDER = ['key.', 'language.'];
const HAN = /[\u4e00-\u9fff]/;
/** Chinese punctuation (the full-width comma, the ideographic full stop, …). */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/;

describe('message catalogues', () => {
  const ids = Object.keys(catalogues.en);

  test('both languages have exactly the same keys, none empty', () => {
    expect(ids.length).toBeGreaterThan(10);
    for (const locale of LOCALES) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual([...ids].sort());
      for (const id of ids) expect(catalogues[locale][id as keyof (typeof catalogues)['en']].trim(), `${locale} ${id}`).not.toBe('');
    }
  });

  test('every message parses as ICU and both languages take the same values', () => {
    for (const id of ids) {
      const key = id as keyof (typeof catalogues)['en'];
      const en = placeholders(parse(catalogues.en[key]));
      const zh = placeholders(parse(catalogues['zh-CN'][key]));
      expect([...zh].sort(), id).toEqual([...en].sort());
    }
  });

  test('the Chinese catalogue is written in Chinese', () => {
    for (const id of ids) {
      if (SAME_IN_BOTH.has(id) || SAME_IN_BOTH_UNDER.some((prefix) => id.startsWith(prefix))) continue;
      const zh = catalogues['zh-CN'][id as keyof (typeof catalogues)['en']];
      // A message that only joins its values ("{latitude}, {longitude}") has no words to be Chinese: it must
      // still join them the Chinese way.
      const words = zh.replace(/\{\w+\}/g, '');
      if (!/\p{L}/u.test(words) && words.trim()) expect(CJK_PUNCTUATION.test(words), `${id}: "${zh}"`).toBe(true);
      else expect(HAN.test(zh), `${id}: "${zh}"`).toBe(true);
    }
  });

  test('each language is offered under its own name, the same in both catalogues', () => {
    for (const locale of LOCALES) {
      const id = `language.${locale}` as keyof (typeof catalogues)['en'];
      expect(catalogues.en[id], locale).toBeTruthy();
      expect(catalogues['zh-CN'][id], locale).toBe(catalogues.en[id]);
    }
  });

  test('the Chinese keeps to the glossary (messages/common.ts): one word for the trash, one for developing', () => {
    // 回收站, never 废纸篓; 冲洗 (as a film lab says), never 显影.
    const offTerms = /废纸篓|显影/;
    const off = ids.filter((id) => offTerms.test(catalogues['zh-CN'][id as keyof (typeof catalogues)['en']]));
    expect(off).toEqual([]);
  });

  test('every error code has its message, and its action where the table gives one', () => {
    for (const table of errorTables) {
      for (const [code, spec] of Object.entries(table)) {
        expect(catalogues.en[`error.${code}` as keyof (typeof catalogues)['en']]).toBe(spec.message.en);
        if ('action' in spec) expect(catalogues['zh-CN'][`error.${code}.action` as keyof (typeof catalogues)['en']]).toBe((spec as { action: { zh: string } }).action.zh);
      }
    }
  });

  test('plurals and selects format in both languages', () => {
    expect(format('en', 'error.file.no-permission', { access: 'read', file: 'a.jpg' })).toBe('Darkslide is not allowed to read "a.jpg".');
    expect(format('zh-CN', 'error.file.no-permission', { access: 'write', file: 'a.jpg' })).toBe('Darkslide 没有权限写入“a.jpg”。');
  });
});

describe('the language a system asks for', () => {
  test.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh'], 'zh-CN'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j reads %s', (preferred, expected) => {
    expect(matchLocale(preferred)).toBe(expected);
  });
});

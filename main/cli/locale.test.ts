// The CLI's language: which variable names it, and the real command line speaking it (its own process, as a
// person runs it), with --json left for scripts exactly as it was.
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { darkslideWith } from '../../tests/support/cli.ts';
import { tempDir } from '../../tests/support/temp.ts';
import { cliLocale } from './locale.ts';

describe('the language a terminal asks for', () => {
  test.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_TW' }, 'zh-CN'],
    [{ LANG: 'zh' }, 'zh-CN'],
    [{ LANG: 'zh_CN.GB18030@stroke' }, 'zh-CN'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C' }, 'en'],
    [{ LANG: 'POSIX' }, 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'en'],
    [{}, 'en'],
    // LC_ALL overrides everything, LC_MESSAGES overrides LANG; an empty one counts as not set.
    [{ LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
  ])('%j reads %s', (env, expected) => {
    expect(cliLocale(env)).toBe(expected);
  });
});

const HAN = /[\u4e00-\u9fff]/;
const chinese = { LANG: 'zh_CN.UTF-8' };
const english = { LANG: 'en_US.UTF-8' };

describe('darkslide in the person’s language', () => {
  const dir = tempDir('cli-locale');
  afterAll(() => dir.remove());
  const missing = path.join(dir.path, '不在这里.jpg');

  test('the usage text is Chinese under a Chinese LANG and English under C, with the command and its flags as typed', async () => {
    const zh = await darkslideWith(chinese, '--help');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：');
    expect(zh.stdout).toMatch(/darkslide develop <files or folders\.\.\.> --look <id> \(--album \| --library DIR\).*\n +冲洗到相册/);
    expect(zh.stdout).not.toContain('Usage:');
    const en = await darkslideWith({ LANG: 'C' }, '--help');
    expect(en.stdout).toContain('Usage:');
    expect(en.stdout).toMatch(/darkslide devices \[--json\] +list cameras and microphones/);
    expect(en.stdout).not.toMatch(HAN);
  });

  test('a file that does not exist is named in a Chinese sentence with what to do, in the text and in --json', async () => {
    const out = path.join(dir.path, 'developed');
    const zh = await darkslideWith(chinese, 'develop', missing, '--look', 'harbor-400', '--out', out);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(`darkslide: “${missing}”不存在。请检查文件名和文件夹，或重新选择文件。`);
    expect(zh.stdout).toContain(`已将 0 张（共 1 张）冲洗到 ${out}（1 张失败，见上文）`);

    const zhJson = await darkslideWith(chinese, 'develop', missing, '--look', 'harbor-400', '--out', out, '--json');
    const enJson = await darkslideWith(english, 'develop', missing, '--look', 'harbor-400', '--out', out, '--json');
    expect([zhJson.code, enJson.code]).toEqual([1, 1]);
    const [zhResult] = JSON.parse(zhJson.stdout) as { error: { code: string; message: string } }[];
    const [enResult] = JSON.parse(enJson.stdout) as { error: { code: string; message: string } }[];
    expect(zhResult!.error.message).toContain('不存在');
    expect(enResult!.error.message).toBe(`"${missing}" does not exist. Check the name and the folder, or choose the file again.`);
    // Only the words differ: the document is the same, key for key and code for code.
    const wordless = (json: string) => json.replace(/"message": "(?:[^"\\]|\\.)*"/g, '"message": ""');
    expect(wordless(zhJson.stdout)).toBe(wordless(enJson.stdout));
    const lastLine = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
    expect(lastLine(zhJson.stderr).error).toEqual({ code: 'partial', message: '1 个文件中有 1 个无法冲洗。' });
    expect(lastLine(enJson.stderr).error).toEqual({ code: 'partial', message: '1 of 1 file could not be developed.' });
  });

  test('a bad flag is a Chinese sentence around Node’s own words, then the Chinese usage', async () => {
    const zh = await darkslideWith(chinese, 'develop', missing, '--look', 'harbor-400', '--shiny');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^darkslide: 无法读取命令行：Unknown option '--shiny'/);
    expect(zh.stderr).toContain('用法：');
  });

  test('looks lists the built-in cameras with Chinese descriptions; --json is the same bytes in both languages', async () => {
    const zh = await darkslideWith(chinese, 'looks');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^harbor-400 +Harbor 400 +.*[\u4e00-\u9fff]/m);
    const en = await darkslideWith(english, 'looks');
    expect(en.stdout).toMatch(/^harbor-400 +Harbor 400 +[A-Z]/m);
    expect(en.stdout).not.toMatch(HAN);
    const [zhJson, enJson] = await Promise.all([darkslideWith(chinese, 'looks', '--json'), darkslideWith(english, 'looks', '--json')]);
    expect(zhJson.stdout).toBe(enJson.stdout);
    expect(zhJson.stdout).not.toMatch(HAN);
  });
});

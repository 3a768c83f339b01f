// Two guards that keep the UI's words in the message catalogue: the lint rule that refuses literal text in
// the renderer's JSX (checked here against real ESLint, so a config change that switches it off fails), and
// the built-in cameras' descriptions, which the UI shows from the catalogue and the CLI from the JSON.
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalogues, type MessageId } from '../../main/shared/i18n/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const RULE = 'formatjs/no-literal-string-in-jsx';

async function literals(source: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, 'renderer/src/components/Example.tsx') });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).length;
}

const header = "import { useT } from '../i18n.tsx';\nimport { Kbd } from './Kbd.tsx';\n";

describe('literal text in the renderer is a lint error', () => {
  test.each([
    ['JSX text', 'export const A = () => <p>Develop photos</p>;'],
    ['a string child', "export const A = () => <p>{'Develop photos'}</p>;"],
    ['a template child', 'export const A = (n: number) => <p>{`${n} photos`}</p>;'],
    ['a branch of a condition', "export const A = (more: boolean) => <p>{more ? 'More' : ''}</p>;"],
    ['a title', 'export const A = () => <button title="Shoot (Space)" />;'],
    ['an aria-label', 'export const A = () => <canvas aria-label="Viewfinder" />;'],
    ['an alt text', 'export const A = () => <img src="a.jpg" alt="Last shot" />;'],
    ['a placeholder', 'export const A = () => <input placeholder="From the file" />;'],
    ["a component's label", 'declare function Dialog(props: { label: string }): null;\nexport const A = () => <Dialog label="Develop again" />;'],
  ])('%s', async (_kind, source) => {
    expect(await literals(header + source)).toBe(1);
  });

  test('text from the catalogue, data, key caps and whitespace are not', async () => {
    const source = `${header}export function A(props: { name: string; width: number }) {
  const t = useT();
  return (
    <button title={t('camera.shoot')} aria-label={t('camera.shoot')} className="shutter" data-testid="shutter">
      {t('common.cancel')} <Kbd k="key.esc" />
      <span data-user-data>{props.name}</span>
      {props.width}
    </button>
  );
}`;
    expect(await literals(source)).toBe(0);
  });
});

describe("the built-in cameras' descriptions", () => {
  const dir = path.join(root, 'resources/looks');
  const looks = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { id: string; description: string });

  test('each has its catalogue entry in both languages, and the English is the JSON text', () => {
    expect(looks.length).toBeGreaterThan(10);
    for (const look of looks) {
      const id = `look.${look.id}.description` as MessageId;
      // A description changed in the JSON and not here fails: the Chinese must be changed with it.
      expect(catalogues.en[id], look.id).toBe(look.description);
      expect(catalogues['zh-CN'][id], look.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('no catalogue entry is left for a camera that is gone', () => {
    const ids = new Set(looks.map((look) => look.id));
    const described = Object.keys(catalogues.en).flatMap((id) => /^look\.(.+)\.description$/.exec(id)?.[1] ?? []);
    expect(described.filter((id) => !ids.has(id))).toEqual([]);
  });
});

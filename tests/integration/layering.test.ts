// The lint rules that keep the layers apart are themselves tested: each forbidden import or global is
// reported, each allowed one is not.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'house/layers']);

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => LAYER_RULES.has(message.ruleId ?? '')).map((message) => message.message);
}

describe('import direction', () => {
  test.each([
    ['main/capture/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['main/library/x.ts', "import { createDispatcher } from '../shared/contract/server.ts';\nexport const a = createDispatcher;"],
    ['main/library/deep/x.ts', "import { methods } from '../../shared/contract/api.ts';\nexport const a = methods;"],
    ['main/looks/x.ts', "import { createDarkslide } from '../app/index.ts';\nexport const a = createDarkslide;"],
    ['main/newservice/x.ts', "import { startLoopbackServer } from '../transport/loopback-server.ts';\nexport const a = startLoopbackServer;"],
    ['main/app/x.ts', "import { connectIpc } from '../electron/ipc.ts';\nexport const a = connectIpc;"],
    ['main/shared/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;"],
    ['main/shared/contract/transports/x.ts', "import { listDevices } from '../../../capture/index.ts';\nexport const a = listDevices;"],
    ['main/shared/x.ts', "import sharp from 'sharp';\nexport const a = sharp;"],
    ['main/shared/x.ts', 'export const home = process.env.HOME;'],
    ['main/shared/x.ts', 'export const size = () => window.innerWidth;'],
    ['main/shared/x.ts', "export const bytes = Buffer.from('x');"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;"],
    ['renderer/src/x.ts', "import path from 'path';\nexport const a = path;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['renderer/src/components/x.ts', "import { listLooks } from '../../../main/looks/index.ts';\nexport const a = listLooks;"],
    ['preload/x.ts', "import { openLibrary } from '../main/library/index.ts';\nexport const a = openLibrary;"],
  ])('%s may not: %s', async (file, source) => {
    expect(await restricted(file, source)).not.toEqual([]);
  });

  test.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;"],
    ['preload/x.ts', "import { methodNames } from '../main/shared/contract/api.ts';\nexport const a = methodNames;"],
    ['main/app/x.ts', "import { listDevices } from '../capture/index.ts';\nexport const a = listDevices;"],
    ['main/capture/x.ts', "import { spawn } from 'node:child_process';\nexport const a = spawn;"],
    ['main/looks/deep/x.ts', "import { hash32 } from '../../shared/looks/math.ts';\nexport const a = hash32;"],
    ['renderer/src/components/x.ts', "import { createClient } from '../../../main/shared/contract/index.ts';\nexport const a = createClient;"],
    ['main/shared/contract/transports/x.ts', "import { methods } from '../api.ts';\nexport const a = methods;"],
    ['main/shared/contract/transports/x.ts', "import { hash32 } from '../../looks/math.ts';\nexport const a = hash32;"],
    ['main/shared/x.ts', "import { z } from 'zod';\nexport const a = z;"],
    ['main/shared/x.ts', 'export const url = new URL("app://darkslide/");'],
  ])('%s may: %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});

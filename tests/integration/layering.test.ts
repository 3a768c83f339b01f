// The lint rule that keeps the layers apart is itself tested: each forbidden
// import is reported, each allowed one is not.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import direction', () => {
  test.each([
    ['main/capture/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['main/library/x.ts', "import { createDispatcher } from '../contract/server.ts';\nexport const a = createDispatcher;"],
    ['main/looks/x.ts', "import { createDarkslide } from '../app/index.ts';\nexport const a = createDarkslide;"],
    ['main/app/x.ts', "import { connectIpc } from '../electron/ipc.ts';\nexport const a = connectIpc;"],
    ['main/contract/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;"],
    ['main/contract/transports/x.ts', "import { listDevices } from '../../capture/index.ts';\nexport const a = listDevices;"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;"],
    ['renderer/src/x.ts', "import path from 'path';\nexport const a = path;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['renderer/src/components/x.ts', "import { listCameras } from '../../../main/looks/index.ts';\nexport const a = listCameras;"],
  ])('%s may not: %s', async (file, source) => {
    expect(await restricted(file, source)).not.toEqual([]);
  });

  test.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;"],
    ['main/app/x.ts', "import { listDevices } from '../capture/index.ts';\nexport const a = listDevices;"],
    ['main/capture/x.ts', "import { spawn } from 'node:child_process';\nexport const a = spawn;"],
    ['renderer/src/components/x.ts', "import { createClient } from '../../../main/contract/index.ts';\nexport const a = createClient;"],
    ['main/contract/transports/x.ts', "import { methods } from '../api.ts';\nexport const a = methods;"],
  ])('%s may: %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PickFiles } from '../../main/app/files.ts';
import { startWebHost, type WebHost } from '../../main/app/web-host.ts';
import { launchChromium } from './browser.ts';
import { agreeToPrivacyNotice } from './privacy.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const screenshots = path.join(root, 'out/screenshots');

/**
 * The built renderer served by the real services on loopback, with its library in `libraryRoot`, and a
 * Chromium page of the given size (the desktop app's default window unless told). The page is not opened
 * yet: callers set up storage or settings first, then `page.goto(host.url)`.
 */
export async function openApp(
  libraryRoot: string,
  viewport = { width: 1280, height: 860 },
  options: { firstRun?: boolean; pickFiles?: PickFiles; reveal?: (target: string) => void } = {},
): Promise<{ host: WebHost; browser: Browser; page: Page }> {
  if (!existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
  mkdirSync(screenshots, { recursive: true });
  const dataDir = path.join(libraryRoot, '.darkslide');
  // Unless the test is about the first run, the person has already agreed to the privacy notice.
  if (!options.firstRun) await agreeToPrivacyNotice(dataDir);
  const host = await startHost(libraryRoot, options);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  // Likewise the introduction (shown once after the notice) has been seen, unless the test is about the first run.
  if (!options.firstRun) await introSeen(page);
  return { host, browser, page };
}

/**
 * The real services serving the built renderer for the library in `libraryRoot`. A given port starts Darkslide
 * again where an open page already points (as `DARKSLIDE_PORT` does), with a new token.
 */
export async function startHost(libraryRoot: string, options: { pickFiles?: PickFiles; port?: number; reveal?: (target: string) => void } = {}): Promise<WebHost> {
  const dataDir = path.join(libraryRoot, '.darkslide');
  return startWebHost({
    libraryRoot,
    dataDir,
    staticDir: path.join(root, 'out/renderer'),
    ...(options.pickFiles ? { pickFiles: options.pickFiles } : {}),
    ...(options.port ? { port: options.port } : {}),
    // The desktop app's "show in folder" (shell.showItemInFolder) stands in here as a record of what was asked.
    ...(options.reveal ? { reveal: options.reveal } : {}),
  });
}

/** The first launch's introduction counts as seen in this page (and its reloads). */
export async function introSeen(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('darkslide.intro-seen', '1'));
}

// The renderer's side of "no network": every request any end-to-end page makes is recorded
// (out/test-results/e2e-requests.ndjson) and checked. Only the app's own schemes and the loopback transport
// are allowed; anything else fails the test file when its browser closes. launchChromium() puts this on
// every browser, so every e2e test contributes without doing anything.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
export const REQUEST_LOG = path.join(root, 'out/test-results/e2e-requests.ndjson');
const APP_SCHEMES = new Set(['data:', 'blob:', 'about:', 'app:', 'darkslide-media:']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for a request the app may make: its own schemes, or HTTP/WebSocket to this machine's loopback. */
export function isAllowedRequest(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (APP_SCHEMES.has(parsed.protocol)) return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return LOOPBACK.has(parsed.hostname);
  return false;
}

/**
 * The test file the requests are recorded under. Read from vitest only when vitest runs this process: a benchmark
 * script that drives Chromium (scripts/bench/preview.ts) loads this file too, and importing vitest outside its
 * runner throws.
 */
async function runningFile(): Promise<string> {
  if (!process.env.VITEST) return process.argv[1] ?? '';
  const { expect } = await import('vitest');
  return expect.getState().testPath ?? '';
}

/** Watches every context (and so every page) the browser opens; `close()` fails if any request went elsewhere. */
export async function guardBrowserNetwork(browser: Browser): Promise<Browser> {
  const testFile = await runningFile();
  mkdirSync(path.dirname(REQUEST_LOG), { recursive: true });
  const foreign: string[] = [];
  const watch = (context: BrowserContext) => {
    context.on('request', (request) => {
      const url = request.url();
      const allowed = isAllowedRequest(url);
      // The query string holds the loopback token: recorded without it.
      appendFileSync(REQUEST_LOG, `${JSON.stringify({ file: path.basename(testFile), url: url.replace(/[?#].*$/, ''), type: request.resourceType(), allowed })}\n`);
      if (!allowed) foreign.push(url);
    });
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async (...args) => watch(await newContext(...args));
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page.context());
    return page;
  };
  browser.close = async (...args) => {
    await close(...args);
    if (foreign.length > 0) throw new Error(`The page made requests outside the app and loopback: ${[...new Set(foreign)].join(', ')}`);
  };
  return browser;
}

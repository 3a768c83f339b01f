import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { guardBrowserNetwork } from './network.ts';

/** Debian's Chromium where there is one (CI installs it), else Playwright's own download. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error('No Chromium found for the end-to-end tests: install Debian\'s `chromium` (apt-get install chromium), set CHROMIUM_PATH, or run `npx playwright install chromium`.');
}

/** Every browser the tests start records and checks its pages' requests (network.ts). */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Background networking flags: the app makes no requests and neither should the test browser.
    args: ['--no-sandbox', '--disable-gpu-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  return guardBrowserNetwork(withActionTimeout(browser));
}

/**
 * Playwright's 30 s for an action or a screenshot, doubled: on a machine at half CI's speed a screenshot with the
 * live viewfinder composited in software (SwiftShader) waited more than 30 s for its frame, in three tests over
 * two full runs, and failed where it would have passed. A real fault still fails, a little later.
 */
const ACTION_TIMEOUT_MS = 60_000;

function withActionTimeout(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return context;
  };
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    page.context().setDefaultTimeout(ACTION_TIMEOUT_MS);
    return page;
  };
  return browser;
}

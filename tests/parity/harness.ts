/**
 * Runs the real viewfinder module (renderer/src/components/viewfinder-gl.ts, bundled with esbuild) in
 * headless Chromium and reads back what it painted, for the parity test and the preview benchmark.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';

const root = path.resolve(import.meta.dirname, '../..');

export type PreviewLook = { size: number; lut: Uint16Array; params: Record<string, unknown> };
export type DrawOptions = { strength?: number; effects?: number; seed?: number; mirror?: boolean };

async function bundleViewfinder(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'renderer/src/components/viewfinder-gl.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'ViewfinderModule',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export class PreviewHarness {
  readonly browser: Browser;
  readonly page: Page;
  private constructor(browser: Browser, page: Page) {
    this.browser = browser;
    this.page = page;
  }

  static async open(): Promise<PreviewHarness> {
    const script = await bundleViewfinder();
    const browser = await launchChromium();
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setContent('<!doctype html><canvas id="viewfinder"></canvas>');
    await page.addScriptTag({ content: script });
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const mod = w.ViewfinderModule as { ViewfinderRenderer: new (c: HTMLCanvasElement) => unknown };
      const viewfinder = new mod.ViewfinderRenderer(document.getElementById('viewfinder') as HTMLCanvasElement) as { plateBudgetMs: number };
      // Each draw here must be the complete picture: build grain plates in one go.
      viewfinder.plateBudgetMs = Infinity;
      w.viewfinder = viewfinder;
      w.fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    });
    if (problems.length) throw new Error(`viewfinder page failed: ${problems.join('; ')}`);
    return new PreviewHarness(browser, page);
  }

  async setLook(look: PreviewLook): Promise<void> {
    const lut = Buffer.from(look.lut.buffer, look.lut.byteOffset, look.lut.byteLength).toString('base64');
    await this.page.evaluate(({ size, lut, params }) => {
      const w = window as unknown as Record<string, any>;
      const bytes: Uint8Array = w.fromBase64(lut);
      w.viewfinder.setLook(size, new Uint16Array(bytes.buffer), params);
    }, { size: look.size, lut, params: look.params });
  }

  /** Uploads an RGB image as the frame source (kept in the page, so benchmarks can redraw it). */
  async setFrame(rgb: Uint8Array, width: number, height: number): Promise<void> {
    const data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength).toString('base64');
    await this.page.evaluate(({ data, width, height }) => {
      const w = window as unknown as Record<string, any>;
      const src: Uint8Array = w.fromBase64(data);
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let i = 0, j = 0; i < width * height; i++, j += 4) {
        rgba[j] = src[i * 3]!;
        rgba[j + 1] = src[i * 3 + 1]!;
        rgba[j + 2] = src[i * 3 + 2]!;
        rgba[j + 3] = 255;
      }
      w.frame = new ImageData(rgba, width, height);
    }, { data, width, height });
  }

  /** Draws the current frame and returns the canvas as RGB, top row first. */
  async draw(options: DrawOptions = {}): Promise<{ rgb: Uint8Array; ms: number }> {
    const result = await this.page.evaluate((o) => {
      const w = window as unknown as Record<string, any>;
      const v = w.viewfinder;
      v.strength = o.strength ?? 1;
      v.effects = o.effects ?? 1;
      v.seed = o.seed ?? 0;
      v.mirror = o.mirror ?? false;
      const t0 = performance.now();
      v.draw(w.frame);
      const canvas = document.getElementById('viewfinder') as HTMLCanvasElement;
      const gl = canvas.getContext('webgl2')!;
      const { width, height } = canvas;
      const rgba = new Uint8Array(width * height * 4);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
      const ms = performance.now() - t0;
      const rgb = new Uint8Array(width * height * 3);
      for (let y = 0; y < height; y++) {
        const row = (height - 1 - y) * width * 4;
        for (let x = 0; x < width; x++) {
          rgb[(y * width + x) * 3] = rgba[row + x * 4]!;
          rgb[(y * width + x) * 3 + 1] = rgba[row + x * 4 + 1]!;
          rgb[(y * width + x) * 3 + 2] = rgba[row + x * 4 + 2]!;
        }
      }
      let s = '';
      for (let i = 0; i < rgb.length; i += 0x8000) s += String.fromCharCode(...rgb.subarray(i, i + 0x8000));
      return { data: btoa(s), ms };
    }, options);
    return { rgb: new Uint8Array(Buffer.from(result.data, 'base64')), ms: result.ms };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

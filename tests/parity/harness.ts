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
export type DrawOptions = { strength?: number; effects?: number; seed?: number; mirror?: boolean; /** build a new grain plate a strip per frame */ progressive?: boolean; /** dim what the look's aspect crops away */ showCrop?: boolean };

/**
 * The page side, as plain JavaScript (it runs in Chromium, and keeps DOM types out of the Node build).
 * Base64 carries the pixels both ways: evaluate() arguments are JSON.
 */
const PAGE_HELPERS = `
window.harness = (() => {
  const canvas = document.getElementById('viewfinder');
  const viewfinder = new ViewfinderModule.ViewfinderRenderer(canvas);
  // Each draw here must be the complete picture: build grain plates in one go.
  viewfinder.buildPlateAtOnce = true;
  const gl = canvas.getContext('webgl2');
  const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  let frame = null;
  return {
    viewfinder,
    setLook(size, lut, params) {
      viewfinder.setLook(size, new Uint16Array(fromBase64(lut).buffer), params);
    },
    setFrame(data, width, height) {
      const src = fromBase64(data);
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let i = 0, j = 0; i < width * height; i++, j += 4) {
        rgba[j] = src[i * 3];
        rgba[j + 1] = src[i * 3 + 1];
        rgba[j + 2] = src[i * 3 + 2];
        rgba[j + 3] = 255;
      }
      frame = new ImageData(rgba, width, height);
    },
    draw(o) {
      viewfinder.strength = o.strength ?? 1;
      viewfinder.effects = o.effects ?? 1;
      viewfinder.seed = o.seed ?? 0;
      viewfinder.mirror = o.mirror ?? false;
      viewfinder.showCrop = o.showCrop ?? false;
      viewfinder.buildPlateAtOnce = !o.progressive;
      const t0 = performance.now();
      viewfinder.draw(frame);
      viewfinder.buildPlateAtOnce = true;
      const { width, height } = canvas;
      const rgba = new Uint8Array(width * height * 4);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
      const ms = performance.now() - t0;
      // readPixels rows run bottom-up.
      const rgb = new Uint8Array(width * height * 3);
      for (let y = 0; y < height; y++) {
        const row = (height - 1 - y) * width * 4;
        for (let x = 0; x < width; x++) {
          const o3 = (y * width + x) * 3;
          rgb[o3] = rgba[row + x * 4];
          rgb[o3 + 1] = rgba[row + x * 4 + 1];
          rgb[o3 + 2] = rgba[row + x * 4 + 2];
        }
      }
      let s = '';
      for (let i = 0; i < rgb.length; i += 0x8000) s += String.fromCharCode(...rgb.subarray(i, i + 0x8000));
      return { data: btoa(s), ms };
    },
    /** Draws with the grain plate built a strip per frame; how many frames until it was complete. */
    async framesUntilGrain(limit) {
      viewfinder.buildPlateAtOnce = false;
      let frames = 0;
      do {
        viewfinder.draw(frame);
        frames++;
        // Paced like camera frames: the GPU finishes each frame (the compositor's back-pressure in the app),
        // then back to the event loop, the only place WebGL updates a fence's status.
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        await new Promise((resolve) => setTimeout(resolve, 1));
      } while (viewfinder.grainPending && frames < limit);
      viewfinder.buildPlateAtOnce = true;
      return frames;
    },
    /** The grain plate the GPU built for the last draw, as RGB floats, rows from the top (its texture's order). */
    gpuPlate() {
      const plate = viewfinder.plate;
      const floats = new Float32Array(plate.width * plate.height * 4);
      gl.bindFramebuffer(gl.FRAMEBUFFER, plate.framebuffer);
      gl.readPixels(0, 0, plate.width, plate.height, gl.RGBA, gl.FLOAT, floats);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      const rgb = new Float32Array(plate.width * plate.height * 3);
      for (let i = 0; i < plate.width * plate.height; i++) {
        rgb[i * 3] = floats[i * 4];
        rgb[i * 3 + 1] = floats[i * 4 + 1];
        rgb[i * 3 + 2] = floats[i * 4 + 2];
      }
      const bytes = new Uint8Array(rgb.buffer);
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    /** Draws with this seed, the plate given as the camera view gives main's (plateSource); frames until grain. */
    async framesUntilGivenPlate(seed, plate) {
      const floats = new Float32Array(fromBase64(plate).buffer);
      viewfinder.seed = seed;
      viewfinder.plateSource = () => Promise.resolve(floats);
      const frames = await this.framesUntilGrain(1000);
      viewfinder.plateSource = null;
      return frames;
    },
    /** Frames per second over \`frames\` draws, each synced by a one-pixel read; bypass = passthrough shader. */
    fps(frames, bypass) {
      viewfinder.bypass = bypass;
      const pixel = new Uint8Array(4);
      const once = () => {
        viewfinder.draw(frame);
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      };
      once();
      once();
      const t0 = performance.now();
      for (let i = 0; i < frames; i++) once();
      viewfinder.bypass = false;
      return (frames * 1000) / (performance.now() - t0);
    },
  };
})();
`;

type PageHarness = {
  setLook(size: number, lut: string, params: Record<string, unknown>): void;
  setFrame(data: string, width: number, height: number): void;
  draw(options: DrawOptions): { data: string; ms: number };
  fps(frames: number, bypass: boolean): number;
  framesUntilGrain(limit: number): Promise<number>;
  gpuPlate(): string;
  framesUntilGivenPlate(seed: number, plate: string): Promise<number>;
};
type PageGlobal = { harness: PageHarness };

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
    await page.addScriptTag({ content: PAGE_HELPERS });
    if (problems.length) {
      await browser.close();
      throw new Error(`viewfinder page failed: ${problems.join('; ')}`);
    }
    return new PreviewHarness(browser, page);
  }

  async setLook(look: PreviewLook): Promise<void> {
    const lut = Buffer.from(look.lut.buffer, look.lut.byteOffset, look.lut.byteLength).toString('base64');
    await this.page.evaluate(({ size, lut, params }) => (globalThis as unknown as PageGlobal).harness.setLook(size, lut, params), { size: look.size, lut, params: look.params });
  }

  /** Uploads an RGB image as the frame source (kept in the page, so benchmarks can redraw it). */
  async setFrame(rgb: Uint8Array, width: number, height: number): Promise<void> {
    const data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength).toString('base64');
    await this.page.evaluate(({ data, width, height }) => (globalThis as unknown as PageGlobal).harness.setFrame(data, width, height), { data, width, height });
  }

  /** Draws the current frame and returns the canvas as RGB, top row first. */
  async draw(options: DrawOptions = {}): Promise<{ rgb: Uint8Array; ms: number }> {
    const result = await this.page.evaluate((o) => (globalThis as unknown as PageGlobal).harness.draw(o), options);
    return { rgb: new Uint8Array(Buffer.from(result.data, 'base64')), ms: result.ms };
  }

  async fps(frames: number, bypass: boolean): Promise<number> {
    return this.page.evaluate(({ frames, bypass }) => (globalThis as unknown as PageGlobal).harness.fps(frames, bypass), { frames, bypass });
  }

  /** Redraws the current frame with progressive grain-plate building until the plate is complete. */
  async framesUntilGrain(limit: number): Promise<number> {
    return this.page.evaluate((limit) => (globalThis as unknown as PageGlobal).harness.framesUntilGrain(limit), limit);
  }

  /** The grain plate the last draw used, read back from the GPU: RGB floats, rows from the top. */
  async gpuPlate(): Promise<Float32Array> {
    const data = await this.page.evaluate(() => (globalThis as unknown as PageGlobal).harness.gpuPlate());
    const bytes = Buffer.from(data, 'base64');
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }

  /** Draws a new plate's frames with `plate` given from outside the GPU (main's); how many until it had grain. */
  async framesUntilGivenPlate(seed: number, plate: Float32Array): Promise<number> {
    const data = Buffer.from(plate.buffer, plate.byteOffset, plate.byteLength).toString('base64');
    return this.page.evaluate(({ seed, data }) => (globalThis as unknown as PageGlobal).harness.framesUntilGivenPlate(seed, data), { seed, data });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

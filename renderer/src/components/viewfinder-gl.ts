// WebGL2 viewfinder: draws each camera frame through the selected look exactly as the still renderer
// develops it (main/looks/render/kernel.ts): tetrahedral LUT from an integer texture (GPU filtering is only
// ~8-bit precise and trilinear tints greys), halation and bloom on a reduced grid with the same Gaussian,
// radial gain, then the same seeded grain field averaged over each preview pixel, rounded to 8 bits.
// Passes (float targets): halation and bloom each as highlight grid -> blur x -> blur y on their grids, then
// combined into the light map; a grain plate (built once per look, size and seed, a few rows per frame);
// then the finishing pass to the canvas. Each pass compiles only the steps the look uses.
import { BLUR, COMBINE, FINISH, GRAIN_PLATE, HIGHLIGHT, PASSTHROUGH, VERTEX, withDefines } from '../look/shaders.ts';
import type { PreviewParamsT } from '../../../main/shared/looks/preview.ts';
import { LINEAR_8, aspectCropSize, gaussianTaps, grainPlan, lightGridSize } from '../../../main/shared/looks/math.ts';

/** The look engine's preview parameters as the shader uses them (the print and imprint are drawn by LookFrame). */
export type LookParams = Partial<Pick<PreviewParamsT, 'radial' | 'grain' | 'halation' | 'bloom' | 'aspect'>>;

type Target = { texture: WebGLTexture; framebuffer: WebGLFramebuffer; width: number; height: number };

export class ViewfinderRenderer {
  private readonly gl: WebGL2RenderingContext;
  private readonly canvas: HTMLCanvasElement;
  /** Float render targets are needed for halation, bloom and grain. */
  private readonly floatTargets: boolean;
  private readonly programs = new Map<string, Program>();
  /** Float textures can be filtered: the blur reads two taps per fetch. */
  private readonly linearFloat: boolean;
  private readonly frameTexture: WebGLTexture;
  private readonly lutTexture: WebGLTexture;
  /** sRGB code to linear light, the still renderer's float32 table. */
  private readonly linearTable: WebGLTexture;
  private readonly halationTaps: WebGLTexture;
  private readonly bloomTaps: WebGLTexture;
  private lutSize = 0;
  private params: LookParams = {};
  private readonly targets = new Map<string, Target>();
  private plate: (Target & { key: string; rowsDone: number; rowsPerStep: number; fence: WebGLSync | null; drawn: Float32Array | null }) | null = null;
  private readonly tapsKeys = new Map<WebGLTexture, { sigma: number; radius: number; pairs: boolean }>();
  strength = 1;
  /** Grain and effects strength, scaling effects exactly as the still renderer does. */
  effects = 1;
  mirror = false;
  /** Grain seed: the same seed and size as a still gives the still's grain, pixel for pixel. */
  seed = 0;
  /**
   * A new grain plate (once per look, size and seed) is built a strip per frame, sized to what the GPU
   * finishes between frames, so the viewfinder never stalls; true builds it in one go, as tests comparing
   * single frames need.
   */
  buildPlateAtOnce = false;
  /**
   * Where a finished grain plate can come from besides this GPU: (width, height, seed) to the plate as RGB
   * float rows from the top (the GPU pass's values: the still renderer's grain), or null when there is none to
   * give. Asked once per new plate; the strips go on meanwhile and whichever finishes first is used. The
   * camera view gives one only on a software GPU (softwareGpu), where the strips take 12-20 s of frames.
   */
  plateSource: ((width: number, height: number, seed: number) => Promise<Float32Array | null>) | null = null;
  /** WebGL runs on the CPU (SwiftShader, llvmpipe and the like): no GPU acceleration on this machine. */
  readonly softwareGpu: boolean;
  /** Draws the frame with no look at all: frames that already went through it (recording), benchmark baseline. */
  bypass = false;
  /**
   * Halation and bloom follow the scene slowly, and their passes are the costliest on a software GPU: the
   * viewfinder recomputes them every `lightEvery` frames and reuses the map in between (1 = every frame,
   * as single-frame comparisons with the still need).
   */
  lightEvery = 1;
  /**
   * The largest picture worth drawing (the canvas's box in device pixels). A frame larger than that is
   * developed at this size, sampled down with linear filtering: the look is defined relative to the
   * picture, so it is the same look, for a fraction of the work. null: draw at the frame's own size,
   * as single-frame comparisons with the still need.
   */
  maxOutput: { width: number; height: number } | null = null;
  /** Dim what the photo will crop away (the look's aspect or frame), so the viewfinder frames the shot. */
  showCrop = false;
  private scaledSource = false;
  private lightReuse: { key: string; age: number; map: Target } | null = null;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, preserveDrawingBuffer: false, desynchronized: true });
    // The code lets the camera view say this in the UI's language.
    if (!gl) throw Object.assign(new Error('WebGL2 is not available; the viewfinder cannot show the look.'), { code: 'no-webgl2' });
    this.gl = gl;
    // Halation, bloom and grain need float render targets; without them the preview shows colour and vignette.
    this.floatTargets = gl.getExtension('EXT_color_buffer_float') !== null;
    this.linearFloat = gl.getExtension('OES_texture_float_linear') !== null;
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const gpuName = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    this.softwareGpu = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(gpuName);
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    // Every program binds `position` to attribute 0 before linking.
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
    this.frameTexture = texture2d(gl);
    this.lutTexture = gl.createTexture()!;
    this.linearTable = texture2d(gl);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, 256, 1, 0, gl.RED, gl.FLOAT, LINEAR_8);
    this.halationTaps = texture2d(gl);
    this.bloomTaps = texture2d(gl);
  }

  setLook(size: number, lut: Uint16Array, params: LookParams) {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_3D, this.lutTexture);
    gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    // Float entries (exact for 16-bit values) fetch faster than integer ones on a software GPU, and the
    // shader needs no divide per fetch.
    const entries = new Float32Array(lut.length);
    for (let i = 0; i < lut.length; i++) entries[i] = lut[i]! / 65535;
    gl.texImage3D(gl.TEXTURE_3D, 0, gl.RGB32F, size, size, size, 0, gl.RGB, gl.FLOAT, entries);
    gl.activeTexture(gl.TEXTURE0);
    this.lutSize = size;
    this.params = params;
  }

  draw(image: TexImageSource & { width: number; height: number }) {
    const gl = this.gl;
    const fit = this.maxOutput ? Math.min(1, this.maxOutput.width / image.width, this.maxOutput.height / image.height) : 1;
    const width = Math.max(1, Math.round(image.width * fit));
    const height = Math.max(1, Math.round(image.height * fit));
    this.scaledSource = width !== image.width || height !== image.height;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.frameTexture);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB8, gl.RGB, gl.UNSIGNED_BYTE, image);
    const filter = this.scaledSource ? gl.LINEAR : gl.NEAREST;
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);

    if (this.bypass) {
      this.drawPassthrough(width, height);
      return;
    }
    const fx = this.effects;
    const p = this.params;
    const halation = p.halation && p.halation.amount > 0 && fx > 0 ? p.halation : null;
    const bloom = p.bloom && p.bloom.amount > 0 && fx > 0 ? p.bloom : null;
    const grain = p.grain && p.grain.amountCodes > 0 && fx > 0 ? p.grain : null;
    const light = (halation || bloom) && this.floatTargets ? this.currentLight(width, height, halation, bloom, fx) : null;
    const plate = grain && this.floatTargets ? this.advanceGrainPlate(width, height, grain) : null;

    const kept = aspectCropSize(width, height, this.showCrop ? (p.aspect ?? null) : null);
    const crop = kept.width < width || kept.height < height ? kept : null;
    const radial = p.radial && fx > 0 && (p.radial.vignette > 0 || p.radial.flash > 0) ? p.radial : null;
    const f = this.variant('finish', FINISH, {
      HAS_LUT: this.lutSize > 1,
      HAS_LIGHT: light !== null,
      HAS_RADIAL: radial !== null,
      HAS_FLASH: (radial?.flash ?? 0) > 0,
      HAS_GRAIN: plate !== null,
      HAS_CROP: crop !== null,
      MONOCHROME_GRAIN: grain?.monochrome ?? false,
    });
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    gl.useProgram(f.program);
    this.bindFrame(f, width, height);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_3D, this.lutTexture);
    gl.uniform1i(f.uniform('lut'), 1);
    gl.uniform1i(f.uniform('lutSize'), this.lutSize);
    gl.uniform1f(f.uniform('strength'), this.strength);
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, light ? light.texture : null);
    gl.uniform1i(f.uniform('light'), 2);
    gl.uniform2i(f.uniform('gridSize'), light?.width ?? 1, light?.height ?? 1);
    gl.uniform1f(f.uniform('vignetteAmount'), (radial?.vignette ?? 0) * fx);
    gl.uniform1f(f.uniform('vignetteFalloff'), radial?.falloff ?? 2.5);
    gl.uniform1f(f.uniform('flashAmount'), (radial?.flash ?? 0) * fx);
    gl.uniform1f(f.uniform('flashReach'), radial?.flashReach ?? 0.7);
    gl.activeTexture(gl.TEXTURE3);
    gl.bindTexture(gl.TEXTURE_2D, plate ? plate.texture : null);
    gl.uniform1i(f.uniform('grain'), 3);
    // amountCodes is amount * GRAIN_CODES_AT_FULL; the effects strength scales the amount as in develop.
    gl.uniform1f(f.uniform('grainCodes'), grain ? grain.amountCodes * fx : 0);
    if (crop) {
      const x0 = Math.round((width - crop.width) / 2);
      const y0 = Math.round((height - crop.height) / 2);
      gl.uniform4f(f.uniform('keep'), x0, y0, x0 + crop.width, y0 + crop.height);
    }
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.activeTexture(gl.TEXTURE0);
  }

  /** Frees the float targets (light grid, grain plate); the next draw makes them again. */
  dispose() {
    for (const t of this.targets.values()) deleteTarget(this.gl, t);
    this.targets.clear();
    this.dropPlate();
  }

  /** True while a grain plate is still being built (frames show the look without grain meanwhile). */
  get grainPending(): boolean {
    return this.plate !== null && this.plate.rowsDone < this.plate.height;
  }

  private dropPlate() {
    if (!this.plate) return;
    if (this.plate.fence) this.gl.deleteSync(this.plate.fence);
    deleteTarget(this.gl, this.plate);
    this.plate = null;
  }

  /** One compiled program per shader and combination of switches. */
  private variant(name: string, source: string, defines: Record<string, boolean>): Program {
    defines = { ...defines, SCALED_SOURCE: this.scaledSource };
    const key = `${name}|${Object.entries(defines).map(([define, on]) => `${define}=${on ? 1 : 0}`).join(',')}`;
    let p = this.programs.get(key);
    if (!p) {
      p = program(this.gl, withDefines(source, defines));
      this.programs.set(key, p);
    }
    return p;
  }

  private target(name: string, width: number, height: number): Target {
    let t = this.targets.get(name);
    if (t && t.width === width && t.height === height) return t;
    if (t) deleteTarget(this.gl, t);
    t = floatTarget(this.gl, width, height);
    if (this.linearFloat) {
      // Only the blur samples with filtering; every other read is a texelFetch, which ignores it.
      this.gl.texParameteri(this.gl.TEXTURE_2D, this.gl.TEXTURE_MIN_FILTER, this.gl.LINEAR);
      this.gl.texParameteri(this.gl.TEXTURE_2D, this.gl.TEXTURE_MAG_FILTER, this.gl.LINEAR);
    }
    this.targets.set(name, t);
    return t;
  }

  private bindFrame(p: Program, width: number, height: number) {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.frameTexture);
    gl.uniform1i(p.uniform('frame'), 0);
    gl.uniform1i(p.uniform('mirror'), this.mirror ? 1 : 0);
    gl.uniform2i(p.uniform('frameSize'), width, height);
  }

  private drawPassthrough(width: number, height: number) {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    const pass = this.variant('passthrough', PASSTHROUGH, {});
    gl.useProgram(pass.program);
    this.bindFrame(pass, width, height);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  /**
   * computeLightMap: the map lives on the halation grid; halation is the blurred luma mask there, bloom is
   * blurred per channel on its own coarser grid and resampled onto the map's.
   */
  private currentLight(width: number, height: number, halation: LookParams['halation'], bloom: LookParams['bloom'], fx: number): Target {
    const key = JSON.stringify([width, height, halation, bloom, fx]);
    const reuse = this.lightReuse;
    if (reuse && reuse.key === key && reuse.age + 1 < this.lightEvery) {
      reuse.age += 1;
      return reuse.map;
    }
    const map = this.renderLight(width, height, halation, bloom, fx);
    this.lightReuse = { key, age: 0, map };
    return map;
  }

  private renderLight(width: number, height: number, halation: LookParams['halation'], bloom: LookParams['bloom'], fx: number): Target {
    const gl = this.gl;
    const { w, h } = lightGridSize(width, height, halation ? halation.radius : 0);
    let halationBlur: Target | null = null;
    let bloomBlur: Target | null = null;
    if (halation) halationBlur = this.blurredHighlights('halation', width, height, w, h, halation.threshold, halation.radius, false);
    if (bloom) {
      const grid = lightGridSize(width, height, bloom.radius);
      bloomBlur = this.blurredHighlights('bloom', width, height, Math.min(grid.w, w), Math.min(grid.h, h), bloom.threshold, bloom.radius, true);
    }
    const map = this.target('light', w, h);
    const cp = this.variant('combine', COMBINE, { HAS_HALATION: halationBlur !== null, HAS_BLOOM: bloomBlur !== null });
    gl.bindFramebuffer(gl.FRAMEBUFFER, map.framebuffer);
    gl.viewport(0, 0, w, h);
    gl.useProgram(cp.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, halationBlur?.texture ?? null);
    gl.uniform1i(cp.uniform('halation'), 0);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, bloomBlur?.texture ?? null);
    gl.uniform1i(cp.uniform('bloom'), 1);
    gl.uniform2i(cp.uniform('gridSize'), w, h);
    gl.uniform2i(cp.uniform('bloomSize'), bloomBlur?.width ?? 1, bloomBlur?.height ?? 1);
    const halationGain = halation ? 255 * halation.amount * fx : 0;
    const tint = halation?.tint ?? [0, 0, 0];
    gl.uniform3f(cp.uniform('halationGain'), tint[0] * halationGain, tint[1] * halationGain, tint[2] * halationGain);
    gl.uniform1f(cp.uniform('bloomGain'), bloom ? 255 * bloom.amount * fx : 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.activeTexture(gl.TEXTURE0);
    return map;
  }

  /** highlightGrid then gaussianBlurRgb (sigma = radius * the grid's short side) on a w x h grid. */
  private blurredHighlights(name: string, width: number, height: number, w: number, h: number, threshold: number, radius: number, perChannel: boolean): Target {
    const gl = this.gl;
    const a = this.target(`${name}-a`, w, h);
    const b = this.target(`${name}-b`, w, h);
    const hp = this.variant('highlight', HIGHLIGHT, { PER_CHANNEL: perChannel });
    gl.bindFramebuffer(gl.FRAMEBUFFER, a.framebuffer);
    gl.viewport(0, 0, w, h);
    gl.useProgram(hp.program);
    this.bindFrame(hp, width, height);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.linearTable);
    gl.uniform1i(hp.uniform('linear8'), 1);
    gl.uniform2i(hp.uniform('gridSize'), w, h);
    gl.uniform1f(hp.uniform('threshold'), threshold);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);

    const taps = perChannel ? this.bloomTaps : this.halationTaps;
    const tapsRadius = this.uploadTaps(taps, radius * Math.min(w, h));
    const bp = this.variant('blur', BLUR, { LINEAR_PAIRS: this.linearFloat });
    gl.useProgram(bp.program);
    gl.uniform1i(bp.uniform('grid'), 0);
    gl.uniform1i(bp.uniform('taps'), 1);
    gl.uniform1i(bp.uniform('radius'), tapsRadius);
    gl.uniform2i(bp.uniform('gridSize'), w, h);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, taps);
    for (const [from, to, direction] of [[a, b, [1, 0]], [b, a, [0, 1]]] as const) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, to.framebuffer);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, from.texture);
      gl.uniform2i(bp.uniform('direction'), direction[0], direction[1]);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    }
    gl.activeTexture(gl.TEXTURE0);
    return a;
  }

  /**
   * The kernel's right half (it is symmetric) as a one-row float texture; returns the loop count. With
   * filterable float textures, taps 1..radius go in pairs as (summed weight, offset) for one fetch each.
   */
  private uploadTaps(texture: WebGLTexture, sigma: number): number {
    const known = this.tapsKeys.get(texture);
    if (known?.sigma === sigma && known.pairs === this.linearFloat) return known.radius;
    const taps = gaussianTaps(sigma);
    const radius = (taps.length - 1) / 2;
    const half = taps.subarray(radius);
    let data: Float32Array;
    let count: number;
    if (this.linearFloat) {
      count = Math.ceil(radius / 2);
      data = new Float32Array((count + 1) * 2);
      data[0] = half[0]!;
      for (let j = 1; j <= count; j++) {
        const i = 2 * j - 1;
        const a = half[i]!;
        const b = i + 1 <= radius ? half[i + 1]! : 0;
        data[j * 2] = a + b;
        data[j * 2 + 1] = i + b / (a + b);
      }
    } else {
      count = radius;
      data = new Float32Array((radius + 1) * 2);
      for (let i = 0; i <= radius; i++) data[i * 2] = half[i]!;
    }
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RG32F, count + 1, 1, 0, gl.RG, gl.FLOAT, data);
    gl.activeTexture(gl.TEXTURE0);
    this.tapsKeys.set(texture, { sigma, radius: count, pairs: this.linearFloat });
    return count;
  }

  /**
   * Advances the grain plate and returns it once complete (null until then: the look shows without grain
   * for those first frames rather than freezing the viewfinder).
   */
  private advanceGrainPlate(width: number, height: number, grain: NonNullable<LookParams['grain']>): Target | null {
    const key = `${width}x${height}:${this.seed}:${grain.cellNorm}:${grain.roughness}:${grain.monochrome}`;
    const gl = this.gl;
    if (this.plate?.key !== key) {
      this.dropPlate();
      this.plate = { ...floatTarget(gl, width, height), key, rowsDone: 0, rowsPerStep: 4, fence: null, drawn: null };
      const asked = this.plate;
      if (this.plateSource && !this.buildPlateAtOnce) {
        this.plateSource(width, height, this.seed).then(
          (drawn) => {
            if (drawn && drawn.length === width * height * 3 && this.plate === asked) asked.drawn = drawn;
          },
          // The strips finish it.
          () => undefined,
        );
      }
    }
    const plate = this.plate;
    if (plate.rowsDone >= height) return plate;
    if (plate.drawn) {
      // Drawn elsewhere before the strips were done. An RGB float texture (the shader reads .rgb) is not a
      // render target, but nothing renders into a finished plate.
      // On the finishing pass's grain unit: unit 0 holds the frame.
      gl.activeTexture(gl.TEXTURE3);
      gl.bindTexture(gl.TEXTURE_2D, plate.texture);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB32F, width, height, 0, gl.RGB, gl.FLOAT, plate.drawn);
      gl.activeTexture(gl.TEXTURE0);
      plate.drawn = null;
      plate.rowsDone = height;
      if (plate.fence) gl.deleteSync(plate.fence);
      plate.fence = null;
      return plate;
    }
    const plan = grainPlan(width, height, this.seed, grain);
    const gp = this.variant('grain', GRAIN_PLATE, { COLOUR: !grain.monochrome });
    gl.bindFramebuffer(gl.FRAMEBUFFER, plate.framebuffer);
    gl.viewport(0, 0, width, height);
    gl.useProgram(gp.program);
    gl.uniform2i(gp.uniform('frameSize'), width, height);
    gl.uniform1i(gp.uniform('samples'), plan.k);
    gl.uniform1i(gp.uniform('octaves'), plan.octaves);
    gl.uniform1fv(gp.uniform('cell'), plan.cell);
    gl.uniform1fv(gp.uniform('weight'), plan.weight);
    gl.uniform3uiv(gp.uniform('seeds'), plan.seeds);
    gl.uniform1f(gp.uniform('norm'), plan.norm);
    if (this.buildPlateAtOnce) {
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      plate.rowsDone = height;
      return plate;
    }
    // One strip per frame, never waiting on the GPU: a fence tells whether the last strip finished within
    // a frame (then the next one may be larger) or not (then the next one is smaller). A GPU that is busy
    // every frame never signals in time, so the strip never shrinks below a sixtieth of the plate: the
    // plate is done within about sixty frames whatever the load.
    const minimumRows = Math.ceil(height / 60);
    if (plate.fence) {
      const status = gl.clientWaitSync(plate.fence, 0, 0);
      if (status === gl.TIMEOUT_EXPIRED) {
        plate.rowsPerStep = Math.max(minimumRows, Math.floor(plate.rowsPerStep / 2));
      } else {
        gl.deleteSync(plate.fence);
        plate.fence = null;
        plate.rowsPerStep = Math.min(height, Math.ceil(plate.rowsPerStep * 1.5));
      }
    }
    plate.rowsPerStep = Math.max(minimumRows, plate.rowsPerStep);
    const rows = Math.min(plate.rowsPerStep, height - plate.rowsDone);
    gl.enable(gl.SCISSOR_TEST);
    gl.scissor(0, plate.rowsDone, width, rows);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.disable(gl.SCISSOR_TEST);
    plate.rowsDone += rows;
    plate.fence ??= gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    // The last strip is drawn and queued ahead of this frame's finishing pass, so it can already be used.
    return plate.rowsDone >= height ? plate : null;
  }
}

type Program = { program: WebGLProgram; uniform: (name: string) => WebGLUniformLocation | null };

function program(gl: WebGL2RenderingContext, fragment: string): Program {
  const compile = (type: number, source: string) => {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`Viewfinder shader failed: ${gl.getShaderInfoLog(shader)}`);
    return shader;
  };
  const p = gl.createProgram()!;
  gl.attachShader(p, compile(gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(p, compile(gl.FRAGMENT_SHADER, fragment));
  gl.bindAttribLocation(p, 0, 'position');
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`Viewfinder shader failed: ${gl.getProgramInfoLog(p)}`);
  const locations = new Map<string, WebGLUniformLocation | null>();
  return {
    program: p,
    uniform(name) {
      if (!locations.has(name)) locations.set(name, gl.getUniformLocation(p, name));
      return locations.get(name)!;
    },
  };
}

function texture2d(gl: WebGL2RenderingContext): WebGLTexture {
  const t = gl.createTexture()!;
  gl.bindTexture(gl.TEXTURE_2D, t);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return t;
}

function floatTarget(gl: WebGL2RenderingContext, width: number, height: number): Target {
  const texture = texture2d(gl);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, width, height, 0, gl.RGBA, gl.FLOAT, null);
  const framebuffer = gl.createFramebuffer()!;
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) throw new Error('The viewfinder cannot render to float textures on this GPU.');
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  return { texture, framebuffer, width, height };
}

function deleteTarget(gl: WebGL2RenderingContext, t: Target) {
  gl.deleteFramebuffer(t.framebuffer);
  gl.deleteTexture(t.texture);
}

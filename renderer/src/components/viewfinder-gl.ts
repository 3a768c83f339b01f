// WebGL2 viewfinder: draws each camera frame through the selected look exactly as the still renderer
// develops it (main/looks/render/kernel.ts): tetrahedral LUT from an integer texture (GPU filtering is only
// ~8-bit precise and trilinear tints greys), halation and bloom on a reduced grid with the same Gaussian,
// radial gain, then the same seeded grain field averaged over each preview pixel, rounded to 8 bits.
// Passes: highlight grid -> blur x -> blur y (float targets, only when the look adds light), a grain plate
// (rendered once per look, size and seed), and the finishing pass to the canvas.
import { BLUR, FINISH, GRAIN_PLATE, HIGHLIGHT, PASSTHROUGH, VERTEX } from '../look/shaders.ts';
import { LINEAR_8, gaussianTaps, grainPlan, lightGridSize } from '../look/look-math.ts';

/** The look engine's PreviewParams (main/looks/preview.ts), as the shader uses them. */
export type LookParams = {
  /** Vignette times on-camera flash, both functions of the distance from the centre. */
  radial?: { vignette: number; falloff: number; flash: number; flashReach: number } | null;
  /** amountCodes = amount * GRAIN_CODES_AT_FULL; cellNorm = size / 1000. */
  grain?: { amountCodes: number; cellNorm: number; roughness: number; monochrome: boolean } | null;
  halation?: { amount: number; threshold: number; radius: number; tint: [number, number, number] } | null;
  bloom?: { amount: number; threshold: number; radius: number } | null;
};

type Target = { texture: WebGLTexture; framebuffer: WebGLFramebuffer; width: number; height: number };

export class ViewfinderRenderer {
  private readonly gl: WebGL2RenderingContext;
  private readonly canvas: HTMLCanvasElement;
  private readonly finish: Program;
  private readonly highlight: Program | null;
  private readonly blur: Program | null;
  private readonly grainPlate: Program | null;
  private readonly passthrough: Program;
  private readonly frameTexture: WebGLTexture;
  private readonly lutTexture: WebGLTexture;
  private readonly tapsTexture: WebGLTexture;
  private lutSize = 0;
  private params: LookParams = {};
  private lightTargets: [Target, Target] | null = null;
  private plate: (Target & { key: string }) | null = null;
  private taps: { key: string; radius: number } | null = null;
  strength = 1;
  /** Grain and effects strength, scaling effects exactly as the still renderer does. */
  effects = 1;
  mirror = false;
  /** Grain seed: the same seed and size as a still gives the still's grain, pixel for pixel. */
  seed = 0;
  /** Draws the frame with no look at all (benchmark baseline). */
  bypass = false;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, preserveDrawingBuffer: true, desynchronized: true });
    if (!gl) throw new Error('WebGL2 is not available; the viewfinder cannot show the look.');
    this.gl = gl;
    this.finish = program(gl, FINISH);
    this.passthrough = program(gl, PASSTHROUGH);
    // Halation, bloom and grain need float render targets; without them the preview shows colour and vignette.
    const floatTargets = gl.getExtension('EXT_color_buffer_float') !== null;
    this.highlight = floatTargets ? program(gl, HIGHLIGHT) : null;
    this.blur = floatTargets ? program(gl, BLUR) : null;
    this.grainPlate = floatTargets ? program(gl, GRAIN_PLATE) : null;
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    // Every program binds \`position\` to attribute 0 before linking.
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
    this.frameTexture = texture2d(gl);
    this.lutTexture = gl.createTexture()!;
    this.tapsTexture = texture2d(gl);
    if (this.highlight) {
      gl.useProgram(this.highlight.program);
      const table = new Float32Array(256);
      table.set(LINEAR_8);
      gl.uniform4fv(this.highlight.uniform('linear8'), table);
    }
  }

  setLook(size: number, lut: Uint16Array, params: LookParams) {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_3D, this.lutTexture);
    gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage3D(gl.TEXTURE_3D, 0, gl.RGB16UI, size, size, size, 0, gl.RGB_INTEGER, gl.UNSIGNED_SHORT, lut);
    gl.activeTexture(gl.TEXTURE0);
    this.lutSize = size;
    this.params = params;
  }

  draw(image: TexImageSource & { width: number; height: number }) {
    const gl = this.gl;
    const width = image.width;
    const height = image.height;
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

    if (this.bypass) {
      this.drawPassthrough(width, height);
      return;
    }
    const fx = this.effects;
    const p = this.params;
    const halation = p.halation && p.halation.amount > 0 && fx > 0 ? p.halation : null;
    const bloom = p.bloom && p.bloom.amount > 0 && fx > 0 ? p.bloom : null;
    const grain = p.grain && p.grain.amountCodes > 0 && fx > 0 ? p.grain : null;
    const light = (halation || bloom) && this.highlight && this.blur ? this.renderLight(width, height, halation, bloom) : null;
    const plate = grain && this.grainPlate ? this.renderGrainPlate(width, height, grain) : null;

    const f = this.finish;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    gl.useProgram(f.program);
    this.bindFrame(f, width, height);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_3D, this.lutTexture);
    gl.uniform1i(f.uniform('lut'), 1);
    gl.uniform1i(f.uniform('lutSize'), this.lutSize);
    gl.uniform1i(f.uniform('hasLut'), this.lutSize > 1 ? 1 : 0);
    gl.uniform1f(f.uniform('strength'), this.strength);
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, light ? light.texture : null);
    gl.uniform1i(f.uniform('light'), 2);
    gl.uniform1i(f.uniform('hasLight'), light ? 1 : 0);
    gl.uniform2i(f.uniform('gridSize'), light?.width ?? 1, light?.height ?? 1);
    const halationGain = halation ? 255 * halation.amount * fx : 0;
    const tint = halation?.tint ?? [0, 0, 0];
    gl.uniform3f(f.uniform('halationGain'), tint[0] * halationGain, tint[1] * halationGain, tint[2] * halationGain);
    gl.uniform1f(f.uniform('bloomGain'), bloom ? 255 * bloom.amount * fx : 0);
    gl.uniform1f(f.uniform('vignetteAmount'), (p.radial?.vignette ?? 0) * fx);
    gl.uniform1f(f.uniform('vignetteFalloff'), p.radial?.falloff ?? 2.5);
    gl.uniform1f(f.uniform('flashAmount'), (p.radial?.flash ?? 0) * fx);
    gl.uniform1f(f.uniform('flashReach'), p.radial?.flashReach ?? 0.7);
    gl.activeTexture(gl.TEXTURE3);
    gl.bindTexture(gl.TEXTURE_2D, plate ? plate.texture : null);
    gl.uniform1i(f.uniform('grain'), 3);
    gl.uniform1i(f.uniform('hasGrain'), plate ? 1 : 0);
    gl.uniform1i(f.uniform('monochromeGrain'), grain?.monochrome ? 1 : 0);
    // amountCodes is amount * GRAIN_CODES_AT_FULL; the effects strength scales the amount as in develop.
    gl.uniform1f(f.uniform('grainCodes'), grain ? grain.amountCodes * fx : 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.activeTexture(gl.TEXTURE0);
  }

  /** Frees the float targets (light grid, grain plate); the next draw makes them again. */
  dispose() {
    for (const t of [...(this.lightTargets ?? []), ...(this.plate ? [this.plate] : [])]) deleteTarget(this.gl, t);
    this.lightTargets = null;
    this.plate = null;
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
    gl.useProgram(this.passthrough.program);
    this.bindFrame(this.passthrough, width, height);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  private renderLight(width: number, height: number, halation: LookParams['halation'], bloom: LookParams['bloom']): Target {
    const gl = this.gl;
    const { w, h } = lightGridSize(width, height);
    if (!this.lightTargets || this.lightTargets[0].width !== w || this.lightTargets[0].height !== h) {
      for (const t of this.lightTargets ?? []) deleteTarget(gl, t);
      this.lightTargets = [floatTarget(gl, w, h), floatTarget(gl, w, h)];
    }
    const [a, b] = this.lightTargets;
    const gridShort = Math.min(w, h);

    const hp = this.highlight!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, a.framebuffer);
    gl.viewport(0, 0, w, h);
    gl.useProgram(hp.program);
    this.bindFrame(hp, width, height);
    gl.uniform2i(hp.uniform('gridSize'), w, h);
    // An absent effect gets a threshold no pixel passes, and a zero gain later.
    gl.uniform1f(hp.uniform('bloomThreshold'), bloom ? bloom.threshold : 0.5);
    gl.uniform1f(hp.uniform('halationThreshold'), halation ? halation.threshold : 0.5);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);

    const radius = this.uploadTaps(bloom ? bloom.radius * gridShort : 0, halation ? halation.radius * gridShort : 0);
    const bp = this.blur!;
    gl.useProgram(bp.program);
    gl.uniform1i(bp.uniform('grid'), 0);
    gl.uniform1i(bp.uniform('taps'), 1);
    gl.uniform1i(bp.uniform('radius'), radius);
    gl.uniform2i(bp.uniform('gridSize'), w, h);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.tapsTexture);
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

  /** Both kernels in one texture (row 0 bloom, row 1 halation), centred on a common radius. */
  private uploadTaps(bloomSigma: number, halationSigma: number): number {
    const key = `${bloomSigma}:${halationSigma}`;
    if (this.taps?.key === key) return this.taps.radius;
    const bloomTaps = gaussianTaps(bloomSigma);
    const halationTaps = gaussianTaps(halationSigma);
    const radius = (Math.max(bloomTaps.length, halationTaps.length) - 1) / 2;
    const n = radius * 2 + 1;
    const data = new Float32Array(n * 2);
    data.set(bloomTaps, radius - (bloomTaps.length - 1) / 2);
    data.set(halationTaps, n + radius - (halationTaps.length - 1) / 2);
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.tapsTexture);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, n, 2, 0, gl.RED, gl.FLOAT, data);
    gl.activeTexture(gl.TEXTURE0);
    this.taps = { key, radius };
    return radius;
  }

  private renderGrainPlate(width: number, height: number, grain: NonNullable<LookParams['grain']>): Target {
    const key = `${width}x${height}:${this.seed}:${grain.cellNorm}:${grain.roughness}:${grain.monochrome}`;
    if (this.plate?.key === key) return this.plate;
    const gl = this.gl;
    if (this.plate) deleteTarget(gl, this.plate);
    const target = floatTarget(gl, width, height);
    const plan = grainPlan(width, height, this.seed, grain);
    const gp = this.grainPlate!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, width, height);
    gl.useProgram(gp.program);
    gl.uniform2i(gp.uniform('frameSize'), width, height);
    gl.uniform1i(gp.uniform('samples'), plan.k);
    gl.uniform1i(gp.uniform('octaves'), plan.octaves);
    gl.uniform1i(gp.uniform('channels'), plan.channels);
    gl.uniform1fv(gp.uniform('cell'), plan.cell);
    gl.uniform1fv(gp.uniform('weight'), plan.weight);
    gl.uniform1uiv(gp.uniform('seeds'), plan.seeds);
    gl.uniform1f(gp.uniform('norm'), plan.norm);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    this.plate = { ...target, key };
    return this.plate;
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

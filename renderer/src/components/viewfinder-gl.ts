// WebGL2 viewfinder: draws each camera frame through the selected look's 3D
// LUT. The LUT is an integer texture read with texelFetch and interpolated
// tetrahedrally in the shader, exactly like the still renderer, because GPU
// filtering is only ~8-bit precise and trilinear tints greys.
const VERTEX = `#version 300 es
in vec2 position;
out vec2 uv;
void main() {
  uv = vec2(position.x * 0.5 + 0.5, 0.5 - position.y * 0.5);
  gl_Position = vec4(position, 0.0, 1.0);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
precision highp usampler3D;
in vec2 uv;
out vec4 outColor;
uniform sampler2D frame;
uniform usampler3D lut;
uniform int lutSize;
uniform float strength;
uniform bool mirror;
uniform bool hasLut;
uniform vec2 frameSize;
uniform float vignetteAmount;
uniform float vignetteFalloff;

vec3 entry(ivec3 p) {
  return vec3(texelFetch(lut, p, 0).rgb) / 65535.0;
}

vec3 tetrahedral(vec3 color) {
  float n = float(lutSize - 1);
  vec3 scaled = clamp(color, 0.0, 1.0) * n;
  vec3 base = min(floor(scaled), vec3(n - 1.0));
  vec3 f = scaled - base;
  ivec3 i = ivec3(base);
  vec3 c000 = entry(i);
  vec3 c111 = entry(i + ivec3(1, 1, 1));
  if (f.r > f.g) {
    if (f.g > f.b) {
      vec3 c100 = entry(i + ivec3(1, 0, 0)); vec3 c110 = entry(i + ivec3(1, 1, 0));
      return c000 + f.r * (c100 - c000) + f.g * (c110 - c100) + f.b * (c111 - c110);
    } else if (f.r > f.b) {
      vec3 c100 = entry(i + ivec3(1, 0, 0)); vec3 c101 = entry(i + ivec3(1, 0, 1));
      return c000 + f.r * (c100 - c000) + f.b * (c101 - c100) + f.g * (c111 - c101);
    } else {
      vec3 c001 = entry(i + ivec3(0, 0, 1)); vec3 c101 = entry(i + ivec3(1, 0, 1));
      return c000 + f.b * (c001 - c000) + f.r * (c101 - c001) + f.g * (c111 - c101);
    }
  } else {
    if (f.b > f.g) {
      vec3 c001 = entry(i + ivec3(0, 0, 1)); vec3 c011 = entry(i + ivec3(0, 1, 1));
      return c000 + f.b * (c001 - c000) + f.g * (c011 - c001) + f.r * (c111 - c011);
    } else if (f.b > f.r) {
      vec3 c010 = entry(i + ivec3(0, 1, 0)); vec3 c011 = entry(i + ivec3(0, 1, 1));
      return c000 + f.g * (c010 - c000) + f.b * (c011 - c010) + f.r * (c111 - c011);
    } else {
      vec3 c010 = entry(i + ivec3(0, 1, 0)); vec3 c110 = entry(i + ivec3(1, 1, 0));
      return c000 + f.g * (c010 - c000) + f.r * (c110 - c010) + f.b * (c111 - c110);
    }
  }
}

void main() {
  vec2 at = mirror ? vec2(1.0 - uv.x, uv.y) : uv;
  vec3 color = texture(frame, at).rgb;
  if (hasLut) color = mix(color, tetrahedral(color), strength);
  if (vignetteAmount > 0.0) {
    // The still renderer's formula: 1 - amount * d^falloff, d over the half-diagonal.
    vec2 offset = (uv - 0.5) * frameSize;
    float d = min(length(offset) / length(0.5 * frameSize), 1.0);
    color *= 1.0 - vignetteAmount * pow(d, vignetteFalloff);
  }
  outColor = vec4(color, 1.0);
}`;

/** The look engine's PreviewParams, as far as the shader uses them. */
export type LookParams = { vignette?: { amount: number; falloff: number } | null };

export class ViewfinderRenderer {
  private readonly gl: WebGL2RenderingContext;
  private readonly program: WebGLProgram;
  private readonly frameTexture: WebGLTexture;
  private readonly lutTexture: WebGLTexture;
  private lutSize = 0;
  private params: LookParams = {};
  strength = 1;
  /** Grain and effects strength, scaling effects exactly as the still renderer does. */
  effects = 1;
  mirror = false;

  private readonly canvas: HTMLCanvasElement;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, preserveDrawingBuffer: true, desynchronized: true });
    if (!gl) throw new Error('WebGL2 is not available; the viewfinder cannot show the look.');
    this.gl = gl;
    this.program = link(gl, VERTEX, FRAGMENT);
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    const location = gl.getAttribLocation(this.program, 'position');
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, 2, gl.FLOAT, false, 0, 0);
    this.frameTexture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, this.frameTexture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.lutTexture = gl.createTexture()!;
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
    if (this.canvas.width !== image.width || this.canvas.height !== image.height) {
      this.canvas.width = image.width;
      this.canvas.height = image.height;
    }
    gl.viewport(0, 0, image.width, image.height);
    gl.useProgram(this.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.frameTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB, gl.RGB, gl.UNSIGNED_BYTE, image);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_3D, this.lutTexture);
    const uniform = (name: string) => gl.getUniformLocation(this.program, name);
    gl.uniform1i(uniform('frame'), 0);
    gl.uniform1i(uniform('lut'), 1);
    gl.uniform1i(uniform('lutSize'), this.lutSize);
    gl.uniform1i(uniform('hasLut'), this.lutSize > 1 ? 1 : 0);
    gl.uniform1f(uniform('strength'), this.strength);
    gl.uniform1i(uniform('mirror'), this.mirror ? 1 : 0);
    gl.uniform2f(uniform('frameSize'), image.width, image.height);
    gl.uniform1f(uniform('vignetteAmount'), (this.params.vignette?.amount ?? 0) * this.effects);
    gl.uniform1f(uniform('vignetteFalloff'), this.params.vignette?.falloff ?? 2);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }
}

function link(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const compile = (type: number, source: string) => {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`Viewfinder shader failed: ${gl.getShaderInfoLog(shader)}`);
    return shader;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl.VERTEX_SHADER, vertex));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, fragment));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`Viewfinder shader failed: ${gl.getProgramInfoLog(program)}`);
  return program;
}

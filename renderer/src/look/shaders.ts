// GLSL for the viewfinder's passes. Each pass restates one step of the still renderer
// (main/looks/render/kernel.ts, effects/light.ts, effects/grain.ts) in the same order and arithmetic, so
// the preview is the still, not an impression of it. Texel row y holds image row y (top row first) in
// every texture; only the last pass, which draws to the canvas, flips.

/** Puts compile-time switches (name -> on/off) where the shader header expects them. */
export function withDefines(source: string, defines: Record<string, boolean>): string {
  const lines = Object.entries(defines).map(([name, on]) => `#define ${name} ${on ? 1 : 0}`);
  return source.replace('// DEFINES', lines.join('\n'));
}

export const VERTEX = `#version 300 es
in vec2 position;
void main() {
  gl_Position = vec4(position, 0.0, 1.0);
}`;

const HEADER = `#version 300 es
// DEFINES
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp sampler3D;
`;

/** The camera frame as 8-bit codes, in output (mirrored if asked) coordinates. frameSize is the output's size. */
const SOURCE = `
uniform sampler2D frame;
uniform bool mirror;
uniform ivec2 frameSize;
vec3 source(ivec2 p) {
  if (mirror) p.x = frameSize.x - 1 - p.x;
#if SCALED_SOURCE
  // frameSize is the picture being drawn; the camera frame behind it is larger and filtered down.
  return floor(texture(frame, (vec2(p) + 0.5) / vec2(frameSize)).rgb * 255.0 + 0.5);
#else
  return floor(texelFetch(frame, p, 0).rgb * 255.0 + 0.5);
#endif
}
`;

/**
 * Highlight energy per cell of a light grid, area-averaged like highlightGrid(), in linear light above
 * \`threshold\` and rescaled by 1 / (1 - threshold): per channel for bloom (PER_CHANNEL 1, in rgb), Rec.709
 * luma for halation (PER_CHANNEL 0, in r).
 */
export const HIGHLIGHT = `${HEADER}${SOURCE}
uniform sampler2D linear8;
uniform ivec2 gridSize;
uniform float threshold;
out vec4 result;
float lin(float code) {
  return texelFetch(linear8, ivec2(int(code), 0), 0).r;
}
void main() {
  ivec2 g = ivec2(gl_FragCoord.xy);
  // Pixels whose cell floor(x * w / width) is g.
  int x0 = (g.x * frameSize.x + gridSize.x - 1) / gridSize.x;
  int x1 = ((g.x + 1) * frameSize.x + gridSize.x - 1) / gridSize.x;
  int y0 = (g.y * frameSize.y + gridSize.y - 1) / gridSize.y;
  int y1 = ((g.y + 1) * frameSize.y + gridSize.y - 1) / gridSize.y;
  float norm = 1.0 / (1.0 - threshold);
  vec3 sum = vec3(0.0);
  for (int y = y0; y < y1; y++) {
    for (int x = x0; x < x1; x++) {
      vec3 c = source(ivec2(x, y));
      vec3 l = vec3(lin(c.r), lin(c.g), lin(c.b));
#if PER_CHANNEL
      sum += max(vec3(0.0), l - threshold) * norm;
#else
      sum.r += max(0.0, 0.2126 * l.r + 0.7152 * l.g + 0.0722 * l.b - threshold) * norm;
#endif
    }
  }
  result = vec4(sum / float(max(1, (x1 - x0) * (y1 - y0))), 0.0);
}`;

/**
 * One axis of the separable Gaussian with clamped edges (gaussianBlurRgb). \`taps\` holds the kernel's right
 * half (it is symmetric, so each weight serves the taps on both sides).
 */
export const BLUR = `${HEADER}
uniform sampler2D grid;
uniform sampler2D taps;
uniform int radius;
uniform ivec2 direction;
uniform ivec2 gridSize;
out vec4 result;
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  vec4 sum = texelFetch(grid, p, 0) * texelFetch(taps, ivec2(0, 0), 0).r;
#if LINEAR_PAIRS
  // Taps in pairs read with one filtered fetch each: weight w_i + w_i+1 at offset i + w_i+1 / (w_i + w_i+1).
  vec2 centre = vec2(p) + 0.5;
  vec2 size = vec2(gridSize);
  for (int k = 1; k <= radius; k++) {
    vec2 pair = texelFetch(taps, ivec2(k, 0), 0).rg;
    vec2 offset = vec2(direction) * pair.g;
    sum += (texture(grid, (centre + offset) / size) + texture(grid, (centre - offset) / size)) * pair.r;
  }
#else
  for (int k = 1; k <= radius; k++) {
    float w = texelFetch(taps, ivec2(k, 0), 0).r;
    sum += (texelFetch(grid, clamp(p + direction * k, ivec2(0), gridSize - 1), 0) + texelFetch(grid, clamp(p - direction * k, ivec2(0), gridSize - 1), 0)) * w;
  }
#endif
  result = sum;
}`

/** Grid-to-grid (or grid-to-frame) bilinear resampling with pixel centres aligned and edges clamped. */
const RESAMPLE = `
vec4 resample(sampler2D t, ivec2 size, ivec2 target, ivec2 p) {
  vec2 s = vec2(size);
  vec2 g = clamp((vec2(p) + 0.5) * s / vec2(target) - 0.5, vec2(0.0), s - 1.0);
  ivec2 i = min(ivec2(floor(g)), max(size - 2, ivec2(0)));
  vec2 f = vec2(size.x > 1 ? g.x - float(i.x) : 0.0, size.y > 1 ? g.y - float(i.y) : 0.0);
  ivec2 j = min(i + 1, size - 1);
  vec4 a = texelFetch(t, i, 0);
  vec4 b = texelFetch(t, ivec2(j.x, i.y), 0);
  vec4 c = texelFetch(t, ivec2(i.x, j.y), 0);
  vec4 d = texelFetch(t, j, 0);
  vec4 top = a + (b - a) * f.x;
  vec4 bottom = c + (d - c) * f.x;
  return top + (bottom - top) * f.y;
}
`;

/**
 * The light map on the halation grid, in 8-bit code units (computeLightMap): blurred halation mask times
 * tint * 255 * amount, plus the bloom glow (blurred on its own coarser grid) resampled to this grid times
 * 255 * amount.
 */
export const COMBINE = `${HEADER}${RESAMPLE}
uniform sampler2D halation;
uniform sampler2D bloom;
uniform ivec2 gridSize;
uniform ivec2 bloomSize;
uniform vec3 halationGain;
uniform float bloomGain;
out vec4 result;
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  vec3 light = vec3(0.0);
#if HAS_HALATION
  light += texelFetch(halation, p, 0).r * halationGain;
#endif
#if HAS_BLOOM
  light += resample(bloom, bloomSize, gridSize, p).rgb * bloomGain;
#endif
  result = vec4(light, 0.0);
}`;

/**
 * The grain field of effects/grain.ts: per channel, value noise on a lattice in short-side-normalised
 * coordinates, each node a near-normal value from one hash32, averaged over k x k samples of the pixel's
 * footprint; colour stock mixes half shared, half per layer. Rendered once per look, size and seed.
 */
export const GRAIN_PLATE = `${HEADER}
uniform ivec2 frameSize;
uniform int samples;
uniform int octaves;
uniform float cell[2];
uniform float weight[2];
/** Per octave, the seeds of the three dye layers (COLOUR) or of the one silver layer (x). */
uniform uvec3 seeds[2];
uniform float norm;
out vec4 result;

uvec3 hash32(uint x, uint y, uvec3 seed) {
  uvec3 h = uvec3((x * 0x27d4eb2du) ^ (y * 0x165667b1u)) ^ (seed * 0x9e3779b1u);
  h = (h ^ (h >> 15u)) * 0x85ebca6bu;
  h = (h ^ (h >> 13u)) * 0xc2b2ae35u;
  return h ^ (h >> 16u);
}

// A lattice node's near-normal value: the four bytes of its hash summed (Irwin-Hall, n = 4), unit variance.
#if COLOUR
vec3 node(int ix, int iy, uvec3 seed) {
  uvec3 h = hash32(uint(ix), uint(iy), seed);
  uvec3 sum = (h & 255u) + ((h >> 8u) & 255u) + ((h >> 16u) & 255u) + (h >> 24u);
  return (vec3(sum) - 510.0) * 0.0067659;
}
#else
vec3 node(int ix, int iy, uvec3 seed) {
  uint h = hash32(uint(ix), uint(iy), seed).x;
  uint sum = (h & 255u) + ((h >> 8u) & 255u) + ((h >> 16u) & 255u) + (h >> 24u);
  return vec3((float(sum) - 510.0) * 0.0067659, 0.0, 0.0);
}
#endif

// The k sample positions of pixel \`x\` along one axis, as the distinct lattice nodes they touch and the
// summed bilinear weight of each: the k x k average is then a separable weighted sum over nodes, so a
// node shared by several samples is hashed once.
int axisNodes(int x, float scale, out int nodes[16], out float weights[16]) {
  float k = float(samples);
  int n = 0;
  for (int s = 0; s < samples; s++) {
    float g = (float(x) + (float(s) + 0.5) / k) * scale;
    float fi = floor(g);
    int i = int(fi);
    float f = g - fi;
    if (n > 0 && nodes[n - 1] == i) weights[n - 1] += 1.0 - f;
    else { nodes[n] = i; weights[n] = 1.0 - f; n++; }
    nodes[n] = i + 1; weights[n] = f; n++;
  }
  return n;
}

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  float shortSide = float(min(frameSize.x, frameSize.y));
  float k = float(samples);
  vec3 total = vec3(0.0);
  int xs[16]; int ys[16];
  float wx[16]; float wy[16];
  for (int o = 0; o < octaves; o++) {
    float scale = 1.0 / shortSide / cell[o];
    int nx = axisNodes(p.x, scale, xs, wx);
    int ny = axisNodes(p.y, scale, ys, wy);
    vec3 acc = vec3(0.0);
    for (int j = 0; j < ny; j++) {
      if (wy[j] == 0.0) continue;
      vec3 row = vec3(0.0);
      for (int i = 0; i < nx; i++) if (wx[i] != 0.0) row += wx[i] * node(xs[i], ys[j], seeds[o]);
      acc += wy[j] * row;
    }
    total += acc * weight[o];
  }
  vec3 g = total * norm / (k * k);
#if COLOUR
  // Dye clouds of the three layers overlap: half shared, half per layer.
  float m = (g.r + g.g + g.b) / 3.0;
  g = 0.5 * g + 0.6 * m;
#endif
  result = vec4(g, 0.0);
}`;

/**
 * kernel.ts's per-pixel pass: LUT, screen-blended light, radial gain, grain, rounding to 8 bits. Each step
 * is compiled in or out (HAS_LUT, HAS_LIGHT, HAS_RADIAL, HAS_FLASH, HAS_GRAIN,
 * MONOCHROME_GRAIN, HAS_CROP, each 0 or 1) rather than branched
 * on: a software GPU pays for every branch it might take.
 */
export const FINISH = `${HEADER}${SOURCE}${RESAMPLE}
uniform sampler3D lut;
uniform int lutSize;
uniform float strength;
uniform sampler2D light;
uniform ivec2 gridSize;
uniform float vignetteAmount;
uniform float vignetteFalloff;
uniform float flashAmount;
uniform float flashReach;
uniform sampler2D grain;
uniform float grainCodes;
uniform vec4 keep;
out vec4 outColor;

vec3 entry(ivec3 p) {
  return texelFetch(lut, p, 0).rgb;
}

// The tetrahedron is picked by the order of the fractions; written without branches because a software
// GPU runs every side of a divergent branch. Equal fractions lie on a shared face, so ties do not matter.
vec3 tetrahedral(vec3 color) {
  float n = float(lutSize - 1);
  vec3 scaled = color * n;
  vec3 base = min(floor(scaled), vec3(n - 1.0));
  vec3 f = scaled - base;
  ivec3 i = ivec3(base);
  // A strict order of the axes (ties go to r, then g), so exactly one axis is largest and one smallest.
  bool rg = f.r >= f.g;
  bool rb = f.r >= f.b;
  bool gb = f.g >= f.b;
  vec3 largest = vec3(rg && rb, !rg && gb, !rb && !gb);
  vec3 smallest = vec3(!rg && !rb, rg && !gb, rb && gb);
  vec3 twoLargest = vec3(1.0) - smallest;
  float fa = dot(f, largest);
  float fc = dot(f, smallest);
  float fb = f.r + f.g + f.b - fa - fc;
  vec3 c000 = entry(i);
  vec3 c1 = entry(i + ivec3(largest));
  vec3 c2 = entry(i + ivec3(twoLargest));
  vec3 c111 = entry(i + ivec3(1, 1, 1));
  return c000 + fa * (c1 - c000) + fb * (c2 - c1) + fc * (c111 - c2);
}

void main() {
  ivec2 p = ivec2(int(gl_FragCoord.x), frameSize.y - 1 - int(gl_FragCoord.y));
  vec3 code = source(p);
  vec3 c = code / 255.0;
#if HAS_LUT
  c = mix(c, tetrahedral(c), strength);
#endif
  c *= 255.0;
#if HAS_LIGHT
  {
    // Screen blend: light adds up but never clips harder than the print would.
    c += resample(light, gridSize, frameSize, p).rgb * (1.0 - c / 255.0);
  }
#endif
#if HAS_RADIAL
  {
    vec2 half_ = vec2(frameSize) * 0.5;
    vec2 offset = vec2(p) + 0.5 - half_;
    float d = sqrt(dot(offset, offset) / dot(half_, half_));
    float dc = min(d, 1.0);
    float gain = 1.0 - vignetteAmount * pow(dc, vignetteFalloff);
#if HAS_FLASH
    gain *= 1.0 + flashAmount * 0.5 * exp(-(d / flashReach) * (d / flashReach)) - flashAmount * 0.35 * dc * dc;
#endif
    c *= gain;
  }
#endif
#if HAS_GRAIN
  {
    // Each dye layer's grain follows its own density, as in the still renderer.
    // The still looks the weight up by the truncated code value.
    vec3 l = floor(clamp(c, 0.0, 255.0)) / 255.0;
    vec3 a = grainCodes * (0.25 + 3.0 * l * (1.0 - l));
    vec4 g = texelFetch(grain, p, 0);
#if MONOCHROME_GRAIN
    c += g.rrr * a;
#else
    c += g.rgb * a;
#endif
  }
#endif
#if HAS_CROP
  {
    // What the photo will not keep (the camera's aspect or frame) is shown dimmed, not hidden.
    vec2 q = vec2(p) + 0.5;
    float inside = step(keep.x, q.x) * step(q.x, keep.z) * step(keep.y, q.y) * step(q.y, keep.w);
    c *= mix(0.3, 1.0, inside);
  }
#endif
  outColor = vec4(clamp(floor(c + 0.5), 0.0, 255.0) / 255.0, 1.0);
}`;

/** Draws the frame untouched: the benchmark's baseline. */
export const PASSTHROUGH = `${HEADER}${SOURCE}
out vec4 outColor;
void main() {
  ivec2 p = ivec2(int(gl_FragCoord.x), frameSize.y - 1 - int(gl_FragCoord.y));
  outColor = vec4(source(p) / 255.0, 1.0);
}`;

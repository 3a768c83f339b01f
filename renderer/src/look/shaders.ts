// GLSL for the viewfinder's passes. Each pass restates one step of the still renderer
// (main/looks/render/kernel.ts, effects/light.ts, effects/grain.ts) in the same order and arithmetic, so
// the preview is the still, not an impression of it. Texel row y holds image row y (top row first) in
// every texture; only the last pass, which draws to the canvas, flips.

export const VERTEX = `#version 300 es
in vec2 position;
void main() {
  gl_Position = vec4(position, 0.0, 1.0);
}`;

const HEADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp usampler3D;
`;

/** The camera frame as 8-bit codes, in output (mirrored if asked) coordinates. */
const SOURCE = `
uniform sampler2D frame;
uniform bool mirror;
uniform ivec2 frameSize;
vec3 source(ivec2 p) {
  if (mirror) p.x = frameSize.x - 1 - p.x;
  return floor(texelFetch(frame, p, 0).rgb * 255.0 + 0.5);
}
`;

/**
 * Highlight energy per cell of the light grid, area-averaged like highlightGrid():
 * rgb = bloom (per channel, above its threshold), a = halation (Rec.709 luma above its threshold),
 * both in linear light and rescaled by 1 / (1 - threshold).
 */
export const HIGHLIGHT = `${HEADER}${SOURCE}
uniform vec4 linear8[64];
uniform ivec2 gridSize;
uniform float bloomThreshold;
uniform float halationThreshold;
out vec4 result;
float lin(float code) {
  int i = int(code);
  return linear8[i >> 2][i & 3];
}
void main() {
  ivec2 g = ivec2(gl_FragCoord.xy);
  // Pixels whose cell floor(x * w / width) is g.
  int x0 = (g.x * frameSize.x + gridSize.x - 1) / gridSize.x;
  int x1 = ((g.x + 1) * frameSize.x + gridSize.x - 1) / gridSize.x;
  int y0 = (g.y * frameSize.y + gridSize.y - 1) / gridSize.y;
  int y1 = ((g.y + 1) * frameSize.y + gridSize.y - 1) / gridSize.y;
  float bloomNorm = 1.0 / (1.0 - bloomThreshold);
  float halationNorm = 1.0 / (1.0 - halationThreshold);
  vec4 sum = vec4(0.0);
  for (int y = y0; y < y1; y++) {
    for (int x = x0; x < x1; x++) {
      vec3 c = source(ivec2(x, y));
      vec3 l = vec3(lin(c.r), lin(c.g), lin(c.b));
      sum.rgb += max(vec3(0.0), l - bloomThreshold) * bloomNorm;
      sum.a += max(0.0, 0.2126 * l.r + 0.7152 * l.g + 0.0722 * l.b - halationThreshold) * halationNorm;
    }
  }
  result = sum / float(max(1, (x1 - x0) * (y1 - y0)));
}`;

/**
 * One axis of the separable Gaussian with clamped edges (gaussianBlurRgb). Row 0 of \`taps\` holds the bloom
 * kernel (applied to rgb), row 1 the halation kernel (applied to a); both centred at column \`radius\`.
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
  vec4 sum = vec4(0.0);
  for (int k = -radius; k <= radius; k++) {
    vec4 v = texelFetch(grid, clamp(p + direction * k, ivec2(0), gridSize - 1), 0);
    float bloomTap = texelFetch(taps, ivec2(k + radius, 0), 0).r;
    float halationTap = texelFetch(taps, ivec2(k + radius, 1), 0).r;
    sum += vec4(v.rgb * bloomTap, v.a * halationTap);
  }
  result = sum;
}`;

/**
 * The grain field of effects/grain.ts: per channel, value noise on a lattice in short-side-normalised
 * coordinates, each node a Box-Muller normal from hash32, averaged over k x k samples of the pixel's
 * footprint; colour stock mixes half shared, half per layer. Rendered once per look, size and seed.
 */
export const GRAIN_PLATE = `${HEADER}
uniform ivec2 frameSize;
uniform int samples;
uniform int octaves;
uniform int channels;
uniform float cell[2];
uniform float weight[2];
uniform uint seeds[6];
uniform float norm;
out vec4 result;

// hash32(x, y, seed) of grain.ts, split so the two hashes of a node share the position part.
uint finishHash(uint h) {
  h = (h ^ (h >> 15u)) * 0x85ebca6bu;
  h = (h ^ (h >> 13u)) * 0xc2b2ae35u;
  return h ^ (h >> 16u);
}

float node(int ix, int iy, uint seed) {
  uint position = (uint(ix) * 0x27d4eb2du) ^ (uint(iy) * 0x165667b1u);
  float u1 = (float(finishHash(position ^ (seed * 0x9e3779b1u))) + 1.0) / 4294967297.0;
  float u2 = float(finishHash(position ^ ((seed ^ 0x5bd1e995u) * 0x9e3779b1u))) / 4294967296.0;
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

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

float channelGrain(ivec2 p, int c) {
  float shortSide = float(min(frameSize.x, frameSize.y));
  float k = float(samples);
  float total = 0.0;
  int xs[16]; int ys[16];
  float wx[16]; float wy[16];
  for (int o = 0; o < octaves; o++) {
    uint seed = seeds[c * 2 + o];
    float scale = 1.0 / shortSide / cell[o];
    int nx = axisNodes(p.x, scale, xs, wx);
    int ny = axisNodes(p.y, scale, ys, wy);
    float acc = 0.0;
    for (int j = 0; j < ny; j++) {
      if (wy[j] == 0.0) continue;
      float row = 0.0;
      for (int i = 0; i < nx; i++) if (wx[i] != 0.0) row += wx[i] * node(xs[i], ys[j], seed);
      acc += wy[j] * row;
    }
    total += acc * weight[o];
  }
  return total * norm / (k * k);
}

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  if (channels == 1) {
    result = vec4(channelGrain(p, 0), 0.0, 0.0, 0.0);
    return;
  }
  vec3 g = vec3(channelGrain(p, 0), channelGrain(p, 1), channelGrain(p, 2));
  float m = (g.r + g.g + g.b) / 3.0;
  result = vec4(0.5 * g + 0.6 * m, 0.0);
}`;

/** kernel.ts's per-pixel pass: LUT, screen-blended light, radial gain, grain, rounding to 8 bits. */
export const FINISH = `${HEADER}${SOURCE}
uniform usampler3D lut;
uniform int lutSize;
uniform float strength;
uniform bool hasLut;
uniform sampler2D light;
uniform bool hasLight;
uniform ivec2 gridSize;
uniform vec3 halationGain;
uniform float bloomGain;
uniform float vignetteAmount;
uniform float vignetteFalloff;
uniform float flashAmount;
uniform float flashReach;
uniform sampler2D grain;
uniform bool hasGrain;
uniform bool monochromeGrain;
uniform float grainCodes;
out vec4 outColor;

vec3 entry(ivec3 p) {
  return vec3(texelFetch(lut, p, 0).rgb) / 65535.0;
}

vec3 tetrahedral(vec3 color) {
  float n = float(lutSize - 1);
  vec3 scaled = color * n;
  vec3 base = min(floor(scaled), vec3(n - 1.0));
  vec3 f = scaled - base;
  ivec3 i = ivec3(base);
  vec3 c000 = entry(i);
  vec3 c111 = entry(i + ivec3(1, 1, 1));
  if (f.r >= f.g) {
    if (f.g >= f.b) {
      vec3 c100 = entry(i + ivec3(1, 0, 0)); vec3 c110 = entry(i + ivec3(1, 1, 0));
      return c000 + f.r * (c100 - c000) + f.g * (c110 - c100) + f.b * (c111 - c110);
    } else if (f.r >= f.b) {
      vec3 c100 = entry(i + ivec3(1, 0, 0)); vec3 c101 = entry(i + ivec3(1, 0, 1));
      return c000 + f.r * (c100 - c000) + f.b * (c101 - c100) + f.g * (c111 - c101);
    } else {
      vec3 c001 = entry(i + ivec3(0, 0, 1)); vec3 c101 = entry(i + ivec3(1, 0, 1));
      return c000 + f.b * (c001 - c000) + f.r * (c101 - c001) + f.g * (c111 - c101);
    }
  } else {
    if (f.b >= f.g) {
      vec3 c001 = entry(i + ivec3(0, 0, 1)); vec3 c011 = entry(i + ivec3(0, 1, 1));
      return c000 + f.b * (c001 - c000) + f.g * (c011 - c001) + f.r * (c111 - c011);
    } else if (f.b >= f.r) {
      vec3 c010 = entry(i + ivec3(0, 1, 0)); vec3 c011 = entry(i + ivec3(0, 1, 1));
      return c000 + f.g * (c010 - c000) + f.b * (c011 - c010) + f.r * (c111 - c011);
    } else {
      vec3 c010 = entry(i + ivec3(0, 1, 0)); vec3 c110 = entry(i + ivec3(1, 1, 0));
      return c000 + f.g * (c010 - c000) + f.r * (c110 - c010) + f.b * (c111 - c110);
    }
  }
}

/** The light grid upsampled bilinearly at pixel centres, edges clamped, as kernel.ts does per row. */
vec4 lightAt(ivec2 p) {
  vec2 size = vec2(gridSize);
  vec2 g = clamp((vec2(p) + 0.5) * size / vec2(frameSize) - 0.5, vec2(0.0), size - 1.0);
  ivec2 i = min(ivec2(floor(g)), max(gridSize - 2, ivec2(0)));
  vec2 f = vec2(gridSize.x > 1 ? g.x - float(i.x) : 0.0, gridSize.y > 1 ? g.y - float(i.y) : 0.0);
  ivec2 j = min(i + 1, gridSize - 1);
  vec4 top = mix(texelFetch(light, i, 0), texelFetch(light, ivec2(j.x, i.y), 0), f.x);
  vec4 bottom = mix(texelFetch(light, ivec2(i.x, j.y), 0), texelFetch(light, j, 0), f.x);
  return mix(top, bottom, f.y);
}

void main() {
  ivec2 p = ivec2(int(gl_FragCoord.x), frameSize.y - 1 - int(gl_FragCoord.y));
  vec3 code = source(p);
  vec3 c = code / 255.0;
  if (hasLut) c = mix(c, tetrahedral(c), strength);
  c *= 255.0;
  if (hasLight) {
    vec4 l = lightAt(p);
    vec3 added = l.a * halationGain + l.rgb * bloomGain;
    // Screen blend: light adds up but never clips harder than the print would.
    c += added * (1.0 - c / 255.0);
  }
  if (vignetteAmount > 0.0 || flashAmount > 0.0) {
    vec2 half_ = vec2(frameSize) * 0.5;
    vec2 offset = vec2(p) + 0.5 - half_;
    float d = sqrt(dot(offset, offset) / dot(half_, half_));
    float dc = min(d, 1.0);
    float gain = 1.0 - vignetteAmount * pow(dc, vignetteFalloff);
    if (flashAmount > 0.0) gain *= 1.0 + flashAmount * 0.5 * exp(-(d / flashReach) * (d / flashReach)) - flashAmount * 0.35 * dc * dc;
    c *= gain;
  }
  if (hasGrain) {
    // Each dye layer's grain follows its own density, as in the still renderer.
    vec3 l = clamp(c / 255.0, 0.0, 1.0);
    vec3 a = grainCodes * (0.25 + 3.0 * l * (1.0 - l));
    vec4 g = texelFetch(grain, p, 0);
    c += (monochromeGrain ? g.rrr : g.rgb) * a;
  }
  outColor = vec4(clamp(floor(c + 0.5), 0.0, 255.0) / 255.0, 1.0);
}`;

/** Draws the frame untouched: the benchmark's baseline. */
export const PASSTHROUGH = `${HEADER}${SOURCE}
out vec4 outColor;
void main() {
  ivec2 p = ivec2(int(gl_FragCoord.x), frameSize.y - 1 - int(gl_FragCoord.y));
  outColor = vec4(source(p) / 255.0, 1.0);
}`;

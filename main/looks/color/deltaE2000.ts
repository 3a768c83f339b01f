/**
 * CIEDE2000 colour difference (Sharma, Wu & Dalal 2005) and sRGB -> CIELAB (D65), for the correctness
 * comparisons between Darkslide's looks and other tools.
 */
export type Lab = readonly [number, number, number];

const DEG = Math.PI / 180;
const POW25_7 = 25 ** 7;

export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + POW25_7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, ap: number) => {
    if (b === 0 && ap === 0) return 0;
    const h = Math.atan2(b, ap) / DEG;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * DEG);
  const Lbp = (L1 + L2) / 2;
  const Cbp = (C1p + C2p) / 2;
  let hbp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbp = (h1p + h2p) / 2;
    else if (h1p + h2p < 360) hbp = (h1p + h2p + 360) / 2;
    else hbp = (h1p + h2p - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hbp - 30) * DEG) + 0.24 * Math.cos(2 * hbp * DEG) + 0.32 * Math.cos((3 * hbp + 6) * DEG) - 0.2 * Math.cos((4 * hbp - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((hbp - 275) / 25) ** 2));
  const Cbp7 = Cbp ** 7;
  const Rc = 2 * Math.sqrt(Cbp7 / (Cbp7 + POW25_7));
  const Lm = (Lbp - 50) ** 2;
  const Sl = 1 + (0.015 * Lm) / Math.sqrt(20 + Lm);
  const Sc = 1 + 0.045 * Cbp;
  const Sh = 1 + 0.015 * Cbp * T;
  const Rt = -Math.sin(2 * dTheta * DEG) * Rc;
  const l = dLp / Sl;
  const c = dCp / Sc;
  const h = dHp / Sh;
  return Math.sqrt(l * l + c * c + h * h + Rt * c * h);
}

const LINEAR_8 = Float64Array.from({ length: 256 }, (_, v) => {
  const x = v / 255;
  return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
});

function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/** sRGB (0..1 encoded) to CIELAB under D65. */
export function srgbToLab(r: number, g: number, b: number): Lab {
  const lin = (x: number) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
  return linearToLab(lin(r), lin(g), lin(b));
}

function linearToLab(R: number, G: number, B: number): Lab {
  const X = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const Y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const Z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const fx = f(X);
  const fy = f(Y);
  const fz = f(Z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export type DeltaStats = { mean: number; p95: number; p99: number; max: number; count: number };

/** Per-pixel dE00 between two interleaved RGB images of equal size (8- or 16-bit samples). */
export function compareImages(a: Uint8Array | Uint16Array, b: Uint8Array | Uint16Array, step = 1): DeltaStats {
  if (a.length !== b.length) throw new Error(`images differ in size: ${a.length} vs ${b.length} samples`);
  const ma = a instanceof Uint16Array ? 65535 : 255;
  const mb = b instanceof Uint16Array ? 65535 : 255;
  const d: number[] = [];
  for (let i = 0; i < a.length; i += 3 * step) {
    const la = a instanceof Uint8Array ? linearToLab(LINEAR_8[a[i]!]!, LINEAR_8[a[i + 1]!]!, LINEAR_8[a[i + 2]!]!) : srgbToLab(a[i]! / ma, a[i + 1]! / ma, a[i + 2]! / ma);
    const lb = b instanceof Uint8Array ? linearToLab(LINEAR_8[b[i]!]!, LINEAR_8[b[i + 1]!]!, LINEAR_8[b[i + 2]!]!) : srgbToLab(b[i]! / mb, b[i + 1]! / mb, b[i + 2]! / mb);
    d.push(deltaE2000(la, lb));
  }
  const sorted = Float64Array.from(d).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { mean: sum / n, p95: sorted[Math.floor(0.95 * (n - 1))]!, p99: sorted[Math.floor(0.99 * (n - 1))]!, max: sorted[n - 1]!, count: n };
}

// The shutter's click, made here rather than shipped as a file: two short clicks (the blades opening and
// closing, 45 ms apart), each a burst of noise through a quick decay over a low thump. Synthesised once into
// a buffer, then replayed; nothing is fetched.

const SECOND_CLICK = 0.045;
const LENGTH = 0.12;

/** The click as samples at `rate`: deterministic (a fixed noise seed), peak about 0.6. */
export function shutterSamples(rate: number): Float32Array {
  const out = new Float32Array(Math.round(rate * LENGTH));
  let seed = 0x2545f491;
  const noise = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) / 2 ** 32) * 2 - 1;
  };
  let low = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    let v = 0;
    for (const [start, gain] of [[0, 0.7], [SECOND_CLICK, 0.5]] as const) {
      const dt = t - start;
      if (dt < 0) continue;
      // A high tick (noise decaying in ~3 ms) and a body (a 150 Hz thump decaying in ~12 ms).
      v += gain * (noise() * Math.exp(-dt / 0.003) + 0.6 * Math.sin(2 * Math.PI * 150 * dt) * Math.exp(-dt / 0.012));
    }
    // A gentle low-pass takes the harshness off the noise.
    low += 0.35 * (v - low);
    out[i] = low;
  }
  const peak = out.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i]! / peak) * 0.6;
  return out;
}

let context: AudioContext | null = null;
let buffer: AudioBuffer | null = null;

function ensureReady(): AudioContext {
  // Making an AudioContext opens the audio output: 130-220 ms of the page's main thread in headless Chromium,
  // which on the first press came before the photo was even asked for.
  context ??= new AudioContext();
  if (!buffer) {
    buffer = context.createBuffer(1, Math.round(context.sampleRate * LENGTH), context.sampleRate);
    buffer.copyToChannel(shutterSamples(context.sampleRate) as Float32Array<ArrayBuffer>, 0);
  }
  return context;
}

/**
 * Opens the audio output and makes the click ahead of the first press (the camera calls it when it is idle with
 * the sound on). Without a user gesture the context starts suspended; the press that plays it resumes it.
 */
export function prepareShutterSound(): void {
  try {
    // Kept suspended between clicks (Electron lets a context run without a gesture): a running one renders
    // silence all the time and keeps the sound device awake.
    if (ensureReady().state === 'running') void context!.suspend();
  } catch {
    // No audio output: playShutterSound stays silent too.
  }
}

/** Plays the click now. Called from a key press or a click, so the browser lets the audio start. */
export function playShutterSound(): void {
  try {
    const ready = ensureReady();
    if (ready.state === 'suspended') void ready.resume();
    const source = ready.createBufferSource();
    source.buffer = buffer;
    source.connect(ready.destination);
    source.onended = () => void ready.suspend().catch(() => undefined);
    source.start();
  } catch {
    // No audio output (or none allowed): the photo is taken all the same, silently.
  }
}

// Viewfinder cost: frames per second of the look pipeline at 1280x720 in headless Chromium (SwiftShader
// here), as a ratio to a passthrough shader measured in the same run. Also the one-off grain plate cost.
// Run: npx node scripts/bench/preview.ts [cameraId ...]
import { listLooks, previewLook } from '../../main/looks/index.ts';
import { PreviewHarness, type PreviewLook } from '../../tests/parity/harness.ts';
import { makeTestImage } from '../../tests/parity/test-image.ts';

const WIDTH = 1280;
const HEIGHT = 720;
const FRAMES = 20;

const chosen = process.argv.slice(2);
const ids = chosen.length ? chosen : listLooks().map((c) => c.id);
const harness = await PreviewHarness.open();

try {
  await harness.setFrame(makeTestImage(WIDTH, HEIGHT), WIDTH, HEIGHT);
  console.log(`viewfinder at ${WIDTH}x${HEIGHT}, ${FRAMES} frames each (upload + look + 1-pixel readback to sync)`);
  for (const id of ids) {
    const look = previewLook(id) as PreviewLook;
    await harness.setLook(look);
    // The grain plate is made once per look, size and seed: time the first draw on its own.
    const first = await harness.draw({ seed: 1 });
    // The machine is shared: alternate the two and keep each one's best round.
    let baseline = 0;
    let withLook = 0;
    for (let round = 0; round < 3; round++) {
      baseline = Math.max(baseline, await harness.fps(FRAMES, true));
      withLook = Math.max(withLook, await harness.fps(FRAMES, false));
    }
    const p = look.params as Record<string, unknown>;
    const parts = ['grain', 'halation', 'bloom', 'radial'].filter((k) => p[k]).join('+') || 'colour only';
    console.log(`${id.padEnd(16)} ${parts.padEnd(28)} look ${withLook.toFixed(1).padStart(6)} fps, passthrough ${baseline.toFixed(1).padStart(6)} fps, ratio ${(withLook / baseline).toFixed(2)}; first draw incl. grain plate ${first.ms.toFixed(0)} ms`);
  }
} finally {
  await harness.close();
}

/**
 * Where a develop's CPU goes (run by bench:develop after its timed runs; or on its own:
 * node scripts/bench/develop-stages.ts <photo.jpg> [look]): one photo, one thread (libvips limited to one),
 * each stage's CPU (best of 5) against sharp's streaming decode + encode of the same file with the output
 * settings develop uses. The look's per-pixel kernel is timed whole and then with grain, and the radial
 * gain off, so the share of colour, vignette and grain shows; the sum over the floor is the single-thread ratio.
 */
import sharp, { type OutputInfo } from 'sharp';
import { cpuUsage } from 'node:process';
import { getLook, lookLut, lookLutAsync } from '../../main/looks/registry.ts';
import { blendWithIdentity } from '../../main/looks/lut/lut.ts';
import { colourTable, stopKernelWorkers } from '../../main/looks/render/pool.ts';
import { kernelParamsFor, resolveRecipe } from '../../main/looks/develop.ts';
import { runKernel } from '../../main/looks/render/kernel.ts';

const [file, lookId = 'harbor-400', quality = '90'] = process.argv.slice(2);
if (!file) throw new Error('usage: develop-stages.ts <photo> [look] [quality]');
sharp.concurrency(1);
const jpeg = { quality: Number(quality), chromaSubsampling: '4:4:4', optimiseCoding: false } as const;
const look = getLook(lookId);
await lookLutAsync(lookId);
const table = await colourTable(`${lookId}:bench`, blendWithIdentity(lookLut(lookId), 1));
await stopKernelWorkers();

async function cpu(work: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const before = cpuUsage();
    await work();
    const used = cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const floor = await cpu(() => sharp(file).jpeg(jpeg).toBuffer());
let decoded!: { data: Buffer; info: OutputInfo };
const decode = await cpu(async () => (decoded = await sharp(file).raw().toBuffer({ resolveWithObject: true })));
const { width, height } = decoded.info;
const encode = await cpu(() => sharp(decoded.data, { raw: { width, height, channels: 3 } }).jpeg(jpeg).toBuffer());
const params = kernelParamsFor(look, resolveRecipe(look, { lookId, seed: 3 }), width, height, null);
params.table = table;
const out = new Uint8Array(decoded.data.length);
const full = await cpu(() => runKernel(params, decoded.data, out));
const noGrain = await cpu(() => runKernel({ ...params, grain: null }, decoded.data, out));
const colour = await cpu(() => runKernel({ ...params, grain: null, radial: null }, decoded.data, out));
const ms = (v: number) => `${v.toFixed(0)} ms`;
const ns = (v: number) => `${((v * 1e6) / (width * height)).toFixed(1)} ns a pixel`;
console.log(`  where the CPU goes, one thread, one ${width}x${height} photo (${lookId}, best of 5):`);
console.log(`    floor: streaming decode + encode ${ms(floor)}`);
console.log(`    decode to pixels ${ms(decode)} + encode from pixels ${ms(encode)} = ${ms(decode + encode)} (${((decode + encode) / floor).toFixed(2)}x the floor)`);
console.log(`    look kernel ${ms(full)}: colour ${ms(colour)} (${ns(colour)}), radial gain ${ms(noGrain - colour)}, grain ${ms(full - noGrain)} (${ns(full - noGrain)})`);
console.log(`    single-thread ratio ${((decode + encode + full) / floor).toFixed(2)}; the 1.5 target leaves ${ms(1.5 * floor - decode - encode)} for the whole look`);

// The file jobs' warm-up (fluent-ffmpeg's capability questions asked at start-up) with the real ffmpeg: it
// leaves fluent-ffmpeg pointed at Darkslide's ffmpeg, and the remux after it makes a playable MP4.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFfmpeg, probeFile } from './ffmpeg.ts';
import { remuxToMp4, warmFileJobs } from './file-jobs.ts';

const work = mkdtempSync(path.join(tmpdir(), 'ds-file-jobs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('file jobs', () => {
  it('warm up, then remux a fragmented recording into an MP4 that probes with its video and length', { timeout: 60_000 }, async () => {
    const ffmpeg = await findFfmpeg();
    const fragmented = path.join(work, 'rec.partial.mp4');
    execFileSync(ffmpeg.path, ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4', fragmented]);
    await warmFileJobs();
    const output = path.join(work, 'rec.mp4');
    await remuxToMp4(fragmented, output);
    const probe = await probeFile(output);
    expect(probe).toMatchObject({ hasVideo: true, width: 160, height: 120 });
    expect(probe.durationSec).toBeGreaterThan(0.8);
  });
});

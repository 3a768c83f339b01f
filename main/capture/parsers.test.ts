import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  avfoundationDevicesToLists,
  dshowDevicesToLists,
  parseArecordList,
  parseAvfoundationDevices,
  parseDshowListDevices,
  parseFfmpegSources,
  parsePactlSources,
  parseV4l2CtlDevices,
  parseV4l2CtlFormats,
  parseV4l2Formats,
} from './parsers.ts';
import { classifyFfmpegFailure } from './errors.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('V4L2', () => {
  it('reads sizes per pixel format from ffmpeg -list_formats all', () => {
    const modes = parseV4l2Formats(fixture('v4l2-list-formats-c920.txt'))!;
    const formats = new Set(modes.map((m) => m.pixelFormat));
    expect(formats).toEqual(new Set(['yuyv422', 'h264', 'mjpeg']));
    expect(modes.filter((m) => m.pixelFormat === 'mjpeg')).toHaveLength(17);
    expect(modes).toContainEqual({ width: 1920, height: 1080, fps: [], pixelFormat: 'mjpeg' });
    expect(modes).toContainEqual({ width: 2304, height: 1536, fps: [], pixelFormat: 'yuyv422' });
  });

  it('handles emulated, unsupported and stepwise formats', () => {
    const modes = parseV4l2Formats(fixture('v4l2-list-formats-emulated-stepwise.txt'))!;
    expect(modes.some((m) => m.pixelFormat === 'Unsupported')).toBe(false);
    expect(modes.filter((m) => m.pixelFormat === 'yuv420p').map((m) => `${m.width}x${m.height}`)).toEqual(['1280x720', '640x480']);
    expect(modes).toContainEqual({ width: 1920, height: 1080, fps: [], pixelFormat: 'nv12' });
  });

  it('recognises UVC metadata nodes so they are not listed as cameras', () => {
    expect(parseV4l2Formats(fixture('v4l2-list-formats-metadata-node.txt'))).toBeNull();
  });

  it('classifies missing and busy devices from ffmpeg text', () => {
    expect(classifyFfmpegFailure(fixture('v4l2-list-formats-missing.txt'))).toBe('not-found');
    expect(classifyFfmpegFailure(fixture('v4l2-list-formats-busy.txt'))).toBe('busy');
  });

  it('reads frame rates from v4l2-ctl --list-formats-ext', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2-ctl-list-formats-ext.txt'));
    expect(modes.find((m) => m.pixelFormat === 'mjpeg' && m.width === 1920)?.fps).toEqual([30, 24, 15]);
    expect(modes.find((m) => m.pixelFormat === 'yuyv422' && m.width === 1920)?.fps).toEqual([5]);
  });

  it('groups nodes by camera in v4l2-ctl --list-devices, keeping odd names and duplicates apart', () => {
    const devices = parseV4l2CtlDevices(fixture('v4l2-ctl-list-devices.txt'));
    expect(devices.map((d) => d.name)).toEqual(['HD Pro Webcam C920', 'Integrated Camera: Integrated C', 'HD Pro Webcam C920', '"Studio" Kamera – Ünïcødé 📷']);
    expect(devices[0]).toEqual({ name: 'HD Pro Webcam C920', bus: 'usb-0000:00:14.0-1', nodes: ['/dev/video0', '/dev/video1', '/dev/media0'] });
    expect(devices[3]!.nodes).toEqual(['/dev/video10']);
  });
});

describe('AVFoundation', () => {
  it('lists cameras without screens and microphones by stable name, indexes for duplicates', () => {
    const parsed = parseAvfoundationDevices(fixture('avfoundation-list-devices.txt'));
    expect(parsed.video).toHaveLength(5);
    expect(parsed.audio.map((a) => a.index)).toEqual([0, 1, 2, 3]);
    const lists = avfoundationDevicesToLists(parsed);
    expect(lists.cameras.map((c) => [c.id, c.name])).toEqual([
      ['avfoundation:FaceTime HD Camera', 'FaceTime HD Camera'],
      ['avfoundation:OBS Virtual Camera', 'OBS Virtual Camera'],
      ['avfoundation:Kamera "Büro" [4K]', 'Kamera "Büro" [4K]'],
    ]);
    expect(lists.microphones.map((m) => [m.id, m.name])).toEqual([
      ['avfoundation:MacBook Pro Microphone', 'MacBook Pro Microphone'],
      ['avfoundation:ZoomAudioDevice', 'ZoomAudioDevice'],
      ['avfoundation:2', 'Jabra Link 380'],
      ['avfoundation:3', 'Jabra Link 380 (2)'],
    ]);
  });

  it('reads the FFmpeg 7 log layout with unicode names', () => {
    const lists = avfoundationDevicesToLists(parseAvfoundationDevices(fixture('avfoundation-list-devices-ffmpeg7.txt')));
    expect(lists.cameras.map((c) => c.name)).toEqual(['MacBook Air Camera', 'iPhone de Zoë Camera']);
    expect(lists.microphones.map((c) => c.name)).toEqual(['MacBook Air Microphone', 'iPhone de Zoë Microphone']);
  });
});

describe('DirectShow', () => {
  it('reads the pre-5.0 layout with section headers', () => {
    const listed = parseDshowListDevices(fixture('dshow-list-devices-old.txt'));
    expect(listed.map((d) => [d.name, d.mediaTypes.join(',')])).toEqual([
      ['Integrated Webcam', 'video'],
      ['USB Video Device', 'video'],
      ['USB Video Device', 'video'],
      ['Microphone (Realtek High Definition Audio)', 'audio'],
      ['Mikrofon (USB "Podcast" Mic – Ü)', 'audio'],
    ]);
    expect(listed[1]!.uniqueName).toMatch(/^@device_pnp_.*1a2b3c4d/);
  });

  it('reads the 5.x layout; duplicates are opened by unique name, virtual cameras kept', () => {
    const listed = parseDshowListDevices(fixture('dshow-list-devices-new.txt'));
    const { cameras, microphones } = dshowDevicesToLists(listed);
    expect(cameras.map((c) => c.name)).toEqual(['Integrated Webcam', 'OBS Virtual Camera', 'USB Video Device', 'USB Video Device (2)', 'AVerMedia Live Gamer: 4K']);
    expect(cameras[0]!.id).toBe('dshow:Integrated Webcam');
    expect(cameras[2]!.id).toMatch(/^dshow:@device_pnp_.*1a2b3c4d/);
    expect(cameras[3]!.id).toMatch(/^dshow:@device_pnp_.*5e6f7a8b/);
    // A colon in the name would split "video=..:audio=..": the unique name is used instead.
    expect(cameras[4]!.id).toMatch(/^dshow:@device_pnp_.*07ca/);
    expect(microphones.map((m) => m.name)).toEqual(['AVerMedia Live Gamer: 4K', 'Microphone (Realtek(R) Audio)', 'Mikrofon (USB "Podcast" Mic – Ü)']);
    expect(new Set([...cameras, ...microphones].map((d) => d.id)).size).toBe(8 - 1); // AVerMedia is both
  });

  it('reads ffmpeg -sources dshow with brackets inside descriptions', () => {
    const sources = parseFfmpegSources(fixture('dshow-sources.txt'));
    expect(sources).toHaveLength(6);
    expect(sources[0]).toMatchObject({ description: 'Integrated Webcam', mediaTypes: ['video'], isDefault: false });
    expect(sources[1]!.mediaTypes).toEqual([]);
    expect(sources[5]).toMatchObject({ description: 'Mikrofon [USB] "Podcast" – Ü', mediaTypes: ['audio'] });
    expect(sources[5]!.name).toMatch(/^@device_cm_\{33D9A762/);
  });
});

describe('Linux microphones', () => {
  it('pactl list sources short: skips monitors', () => {
    const mics = parsePactlSources(fixture('pactl-list-sources-short.txt'));
    expect(mics.map((m) => m.id)).toEqual([
      'pulse:alsa_input.pci-0000_00_1f.3.analog-stereo',
      'pulse:alsa_input.usb-046d_HD_Pro_Webcam_C920_8A1E2F3C-02.analog-stereo',
      'pulse:bluez_input.AC:80:0A:11:22:33',
    ]);
  });

  it('ffmpeg -sources pulse: default marked, unicode descriptions', () => {
    const sources = parseFfmpegSources(fixture('pulse-sources.txt'));
    expect(sources.find((s) => s.isDefault)?.name).toBe('alsa_input.pci-0000_00_1f.3.analog-stereo');
    expect(sources[3]!.description).toBe('Kopfhörer „Zoë“ (WH-1000XM4)');
  });

  it('arecord -l: one hw device per card, duplicates told apart', () => {
    const mics = parseArecordList(fixture('arecord-l.txt'));
    expect(mics.map((m) => m.id)).toEqual(['alsa:hw:PCH,0', 'alsa:hw:C920,0', 'alsa:hw:C920_1,0']);
    expect(mics[1]!.name).toBe('HD Pro Webcam C920 - USB Audio');
  });
});

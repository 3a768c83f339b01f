import * as capture from '../../capture/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { captureMethods } from '../../shared/contract/methods/capture.ts';
import { toApiItem } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function captureHandlers({ control, settings, shutter, recordCheck, files }: AppContext): DomainHandlers<typeof captureMethods> {
  // Video files the person chose as cameras this session, by path. The page is not trusted with paths: a `file:`
  // camera it names opens only if it is one of these (the CLI, run by the person, takes any path).
  const chosenFiles = new Map<string, string>();
  const fileCamera = (filePath: string, name: string) => ({ id: `file:${filePath}`, name, kind: 'file' as const, modes: [] });
  return {
    async 'devices.list'() {
      const listed = await capture.listDevices();
      return { ...listed, cameras: [...listed.cameras, ...[...chosenFiles].map(([filePath, name]) => fileCamera(filePath, name))] };
    },
    'devices.useFile'({ file }) {
      const chosen = files.resolve(file, { kind: 'file' });
      if (!capture.isVideoFileName(chosen.name)) throw new DarkslideError('capture.not-a-video-file', { file: chosen.name });
      chosenFiles.set(chosen.path, chosen.name);
      return fileCamera(chosen.path, chosen.name);
    },
    'viewfinder.start': ({ deviceId }) => {
      if (deviceId.startsWith('file:') && !chosenFiles.has(deviceId.slice('file:'.length))) throw new DarkslideError('capture.file-not-chosen');
      return control.start(deviceId);
    },
    'viewfinder.stop': () => control.stop(),
    async 'shutter.shoot'(input) {
      const shot = await shutter.press(input);
      return 'half' in shot ? shot : toApiItem(shot);
    },
    async 'shutter.finishHalf'() {
      const item = await shutter.finishHalf();
      return { item: item ? toApiItem(item) : null };
    },
    'shutter.ready'(input) {
      shutter.ready(input);
      return {};
    },
    'settings.device': ({ deviceId }) => settings.device(deviceId),
    'settings.setDevice': ({ deviceId, patch }) => settings.setDevice(deviceId, patch),
    async 'recorder.check'({ lookId, size }) {
      const deviceId = control.deviceId();
      if (!deviceId) throw new DarkslideError('capture.viewfinder-off');
      const wanted = size ?? settings.device(deviceId).size ?? control.fullSize() ?? { width: 1920, height: 1080 };
      return recordCheck.check(deviceId, lookId, wanted);
    },
    'recorder.start': (input) => control.startRecording(input),
    'recorder.stop': async () => toApiItem(await control.stopRecording()),
  };
}

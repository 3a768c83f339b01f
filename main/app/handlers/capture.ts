import * as capture from '../../capture/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { captureMethods } from '../../shared/contract/methods/capture.ts';
import { toApiItem } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function captureHandlers({ control, settings, shutter, recordCheck }: AppContext): DomainHandlers<typeof captureMethods> {
  return {
    async 'devices.list'() {
      return capture.listDevices();
    },
    'viewfinder.start': ({ deviceId }) => control.start(deviceId),
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

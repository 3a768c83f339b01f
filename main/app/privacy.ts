// Where privacy meets the other services. The usage record is fed by main/capture's onDeviceUse (the code
// that opens the device), the location gate is the privacy policy, and the camera handlers obey the
// switches: the camera stays off without consent or with its switch off; a recording leaves the microphone
// out when the microphone is off. Shared by the app (createDarkslide) and the CLI.
import * as capture from '../capture/index.ts';
import { addLocationGate, onLocationUse } from '../location/index.ts';
import { logger, setLogRetention } from '../logging/index.ts';
import type { Privacy, UsagePurpose } from '../privacy/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import type { Handlers } from '../shared/contract/server.ts';

const log = logger('privacy');
const PURPOSE: Record<capture.Purpose, UsagePurpose> = { viewfinder: 'viewfinder', recording: 'recording', still: 'photo' };
const SIX_HOURS = 6 * 60 * 60 * 1000;

export type DevicesOn = { camera: boolean; microphone: boolean; recording: boolean };

/**
 * Records every device use in the usage record, keeps the location gate and retention in force, and tells
 * `onDevices` whenever what is on changes. Returns the function that undoes all of it.
 */
export function connectPrivacy(privacy: Privacy, onDevices: (on: DevicesOn) => void = () => undefined): { stop(): void; devicesOn(): DevicesOn } {
  const open = new Map<string, { end: () => void; use: capture.DeviceUse }>();
  const devicesOn = (): DevicesOn => {
    const uses = [...open.values()].map((entry) => entry.use);
    return {
      camera: uses.some((use) => use.device === 'camera'),
      microphone: uses.some((use) => use.device === 'microphone'),
      recording: uses.some((use) => use.purpose === 'recording'),
    };
  };
  const key = (use: capture.DeviceUse) => `${use.device}|${use.deviceId}|${use.pid ?? ''}|${use.purpose}`;
  const stopUses = capture.onDeviceUse((use) => {
    try {
      if (use.state === 'opened') {
        // The kind of device (webcam, demo, file), never its name or path.
        open.set(key(use), { use, end: privacy.usage.begin(use.device, PURPOSE[use.purpose], use.kind) });
      } else {
        open.get(key(use))?.end();
        open.delete(key(use));
      }
      onDevices(devicesOn());
    } catch (error) {
      log.error({ err: error }, 'usage record not written');
    }
  });
  const removeGate = addLocationGate(() => privacy.locationPolicy().reason);
  // Location is used in a moment: written into a new photo or video, or a track applied to photos.
  const stopLocationUses = onLocationUse((use) => {
    try {
      privacy.usage.moment('location', use);
    } catch (error) {
      log.error({ err: error }, 'usage record not written');
    }
  });
  const applyRetention = () => {
    const { retention } = privacy.status();
    privacy.usage.purge(retention.usage);
    setLogRetention(retention.logs);
  };
  applyRetention();
  const timer = setInterval(applyRetention, SIX_HOURS).unref();
  return {
    devicesOn,
    stop() {
      clearInterval(timer);
      removeGate();
      stopLocationUses();
      stopUses();
      for (const entry of open.values()) entry.end();
      open.clear();
    },
  };
}

/** The camera handlers, obeying the switches and consent. */
export function guardCapture(privacy: Privacy, handlers: Handlers): Handlers {
  const cameraAllowed = () => {
    const camera = privacy.status().features.camera;
    if (!camera.consented) throw new DarkslideError('privacy.camera-no-consent');
    if (!camera.on) throw new DarkslideError('privacy.camera-off');
  };
  return {
    ...handlers,
    'viewfinder.start': (input) => {
      cameraAllowed();
      return handlers['viewfinder.start'](input);
    },
    'recorder.start': (input) => {
      cameraAllowed();
      const microphone = privacy.status().features.microphone.on;
      return handlers['recorder.start'](microphone ? input : { ...input, micId: null });
    },
    'shutter.shoot': async (input) => {
      const item = await handlers['shutter.shoot'](input);
      // A photo from the open viewfinder: a moment in the record, inside the viewfinder's use.
      privacy.usage.moment('camera', 'photo');
      return item;
    },
  };
}

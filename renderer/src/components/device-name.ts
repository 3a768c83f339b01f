import type { Translate } from '../i18n.tsx';

/** Darkslide's own generated cameras, named in the UI's language; the rest keep the system's names. */
const BUILT_IN = { demo: 'camera.device.demo', 'demo:testcard': 'camera.device.testcard' } as const;

export function isBuiltInDevice(id: string | undefined): boolean {
  return id !== undefined && Object.hasOwn(BUILT_IN, id);
}

export function deviceName(t: Translate, device: { id: string; name: string }): string {
  return isBuiltInDevice(device.id) ? t(BUILT_IN[device.id as keyof typeof BUILT_IN]) : device.name;
}

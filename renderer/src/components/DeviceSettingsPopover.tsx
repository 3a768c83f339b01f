import { useEffect, useRef } from 'react';
import type { CameraDeviceT, DeviceSettingsT } from '../../../main/shared/contract/index.ts';
import { useT } from '../i18n.tsx';
import { Kbd } from './Kbd.tsx';
import { deviceName, isBuiltInDevice } from './device-name.ts';

type Microphone = { id: string; name: string; kind: string };
type Patch = Partial<DeviceSettingsT>;

/**
 * Settings main keeps per device. The contract's micId has one null for "the
 * device's own microphone"; "no microphone" is kept as the empty string, which
 * main's recorder already treats as none.
 */
export const NO_MICROPHONE = '';

const sizeKey = (size: { width: number; height: number }) => `${size.width}x${size.height}`;
const sizeText = (size: { width: number; height: number }) => `${size.width}×${size.height}`;

export function DeviceSettingsPopover(props: {
  device: CameraDeviceT;
  microphones: Microphone[];
  settings: DeviceSettingsT;
  disabled: boolean;
  onChange(patch: Patch): void;
  onClose(): void;
}) {
  const t = useT();
  const { device, settings, onChange, onClose } = props;
  // The demo camera and microphone are Darkslide's own: named in the UI's language. Others are the OS's names.
  const name = deviceName(t, device);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (ref.current && !ref.current.contains(target) && !(target as HTMLElement).closest?.('[data-settings-toggle]')) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const modeSizes = device.modes.map((mode) => ({ width: mode.width, height: mode.height }));
  // A size kept from elsewhere (the CLI, an older device list) is shown as chosen, not silently replaced.
  const kept = settings.size && !modeSizes.some((size) => sizeKey(size) === sizeKey(settings.size!)) ? [settings.size] : [];
  const sizes = [...new Map([...modeSizes, ...kept].map((size) => [sizeKey(size), size])).values()].sort((a, b) => b.width * b.height - a.width * a.height);
  const chosenMode = settings.size ? device.modes.find((mode) => sizeKey(mode) === sizeKey(settings.size!)) : undefined;
  const rates = [...new Set((chosenMode ? [chosenMode] : device.modes).flatMap((mode) => mode.fps))].sort((a, b) => b - a);
  const micValue = settings.micId === null ? 'auto' : settings.micId === NO_MICROPHONE ? 'none' : `mic:${settings.micId}`;

  const pickSize = (value: string) => {
    if (value === 'auto') return onChange({ size: null });
    const mode = sizes.find((size) => sizeKey(size) === value);
    if (!mode) return;
    const patch: Patch = { size: { width: mode.width, height: mode.height } };
    // A frame rate the new size does not offer would make the camera refuse to open.
    if (settings.fps !== null && !device.modes.some((m) => sizeKey(m) === value && m.fps.includes(settings.fps!))) patch.fps = null;
    onChange(patch);
  };

  return (
    <div className="popover device-settings" ref={ref} role="dialog" aria-label={t('device.label', { device: name })} data-testid="device-settings">
      <p className="popover-title" data-user-data={isBuiltInDevice(device.id) ? undefined : ''}>
        {name}
      </p>
      <fieldset disabled={props.disabled}>
        <label className="field">
          <span>{t('device.resolution')}</span>
          <select value={settings.size ? sizeKey(settings.size) : 'auto'} onChange={(event) => pickSize(event.target.value)} data-testid="setting-size">
            <option value="auto">{sizes[0] ? t('device.largest.size', { size: sizeText(sizes[0]) }) : t('device.largest')}</option>
            {sizes.map((size) => (
              <option key={sizeKey(size)} value={sizeKey(size)}>
                {sizeText(size)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('device.fps')}</span>
          <select value={settings.fps === null ? 'auto' : String(settings.fps)} onChange={(event) => onChange({ fps: event.target.value === 'auto' ? null : Number(event.target.value) })} data-testid="setting-fps">
            <option value="auto">{t('device.automatic')}</option>
            {rates.map((fps) => (
              <option key={fps} value={String(fps)}>
                {t('device.fps.value', { fps: Number.isInteger(fps) ? fps : fps.toFixed(2) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field check">
          <input type="checkbox" checked={settings.mirror} onChange={(event) => onChange({ mirror: event.target.checked })} data-testid="setting-mirror" />
          <span>
            {t('device.mirror')} <Kbd k="key.m" />
          </span>
        </label>
        {settings.mirror && (
          <div className="save-choice" role="radiogroup" aria-label={t('device.save')}>
            <label className="field check">
              <input type="radio" name="save-mirrored" checked={settings.saveMirrored} onChange={() => onChange({ saveMirrored: true })} data-testid="save-as-seen" />
              <span>{t('device.save.as-seen')}</span>
            </label>
            <label className="field check">
              <input type="radio" name="save-mirrored" checked={!settings.saveMirrored} onChange={() => onChange({ saveMirrored: false })} data-testid="save-true" />
              <span>{t('device.save.true')}</span>
            </label>
            <p className="fine-print">{t('device.save.note')}</p>
          </div>
        )}
        <label className="field">
          <span>{t('device.mic')}</span>
          <select
            value={micValue}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ micId: value === 'auto' ? null : value === 'none' ? NO_MICROPHONE : value.slice(4) });
            }}
            data-testid="setting-mic"
          >
            <option value="auto">{t('device.automatic')}</option>
            {props.microphones.map((mic) => (
              <option key={mic.id} value={`mic:${mic.id}`} data-user-data={mic.id === 'demo' ? undefined : ''}>
                {mic.id === 'demo' ? t('camera.mic.demo.long') : mic.name}
              </option>
            ))}
            <option value="none">{t('device.mic.none')}</option>
          </select>
        </label>
      </fieldset>
      {props.disabled && <p className="fine-print">{t('device.locked')}</p>}
    </div>
  );
}

/** What recorder.start gets for the kept microphone choice: undefined lets main pick, null records silence. */
export function micForRecording(settings: DeviceSettingsT | undefined): string | null | undefined {
  if (!settings || settings.micId === null) return undefined;
  return settings.micId === NO_MICROPHONE ? null : settings.micId;
}

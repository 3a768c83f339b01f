import { useEffect, useRef } from 'react';
import type { CameraDeviceT, DeviceSettingsT } from '../../../main/shared/contract/index.ts';

type Microphone = { id: string; name: string; kind: string };
type Patch = Partial<DeviceSettingsT>;

/**
 * Settings main keeps per device. The contract's micId has one null for "the
 * device's own microphone"; "no microphone" is kept as the empty string, which
 * main's recorder already treats as none.
 */
export const NO_MICROPHONE = '';

const sizeKey = (size: { width: number; height: number }) => `${size.width}x${size.height}`;

export function DeviceSettingsPopover(props: {
  device: CameraDeviceT;
  microphones: Microphone[];
  settings: DeviceSettingsT;
  disabled: boolean;
  onChange(patch: Patch): void;
  onClose(): void;
}) {
  const { device, settings, onChange, onClose } = props;
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
    <div className="popover device-settings" ref={ref} role="dialog" aria-label={`Settings for ${device.name}`} data-testid="device-settings">
      <p className="popover-title">{device.name}</p>
      <fieldset disabled={props.disabled}>
        <label className="field">
          <span>Resolution</span>
          <select value={settings.size ? sizeKey(settings.size) : 'auto'} onChange={(event) => pickSize(event.target.value)} data-testid="setting-size">
            <option value="auto">Largest{sizes[0] ? ` (${sizes[0].width}×${sizes[0].height})` : ''}</option>
            {sizes.map((size) => (
              <option key={sizeKey(size)} value={sizeKey(size)}>
                {size.width}×{size.height}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Frame rate</span>
          <select value={settings.fps === null ? 'auto' : String(settings.fps)} onChange={(event) => onChange({ fps: event.target.value === 'auto' ? null : Number(event.target.value) })} data-testid="setting-fps">
            <option value="auto">Automatic</option>
            {rates.map((fps) => (
              <option key={fps} value={String(fps)}>
                {Number.isInteger(fps) ? fps : fps.toFixed(2)} fps
              </option>
            ))}
          </select>
        </label>
        <label className="field check">
          <input type="checkbox" checked={settings.mirror} onChange={(event) => onChange({ mirror: event.target.checked })} data-testid="setting-mirror" />
          <span>
            Mirror the viewfinder <kbd>M</kbd>
          </span>
        </label>
        {settings.mirror && (
          <div className="save-choice" role="radiogroup" aria-label="How photos are saved">
            <label className="field check">
              <input type="radio" name="save-mirrored" checked={settings.saveMirrored} onChange={() => onChange({ saveMirrored: true })} data-testid="save-as-seen" />
              <span>Save as seen (mirrored)</span>
            </label>
            <label className="field check">
              <input type="radio" name="save-mirrored" checked={!settings.saveMirrored} onChange={() => onChange({ saveMirrored: false })} data-testid="save-true" />
              <span>Save true (as the scene is)</span>
            </label>
            <p className="fine-print">Date stamps and frames are never mirrored.</p>
          </div>
        )}
        <label className="field">
          <span>Microphone</span>
          <select
            value={micValue}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ micId: value === 'auto' ? null : value === 'none' ? NO_MICROPHONE : value.slice(4) });
            }}
            data-testid="setting-mic"
          >
            <option value="auto">Automatic</option>
            {props.microphones.map((mic) => (
              <option key={mic.id} value={`mic:${mic.id}`}>
                {mic.name}
              </option>
            ))}
            <option value="none">None</option>
          </select>
        </label>
      </fieldset>
      {props.disabled && <p className="fine-print">Settings are locked while recording.</p>}
    </div>
  );
}

/** What recorder.start gets for the kept microphone choice: undefined lets main pick, null records silence. */
export function micForRecording(settings: DeviceSettingsT | undefined): string | null | undefined {
  if (!settings || settings.micId === null) return undefined;
  return settings.micId === NO_MICROPHONE ? null : settings.micId;
}

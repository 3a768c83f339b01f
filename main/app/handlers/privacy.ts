import type { z } from 'zod';
import { assertWritableFolder } from '../../export/index.ts';
import { setLogRetention } from '../../logging/index.ts';
import { readNotices, type Privacy } from '../../privacy/index.ts';
import type { OsAccess, privacyMethods } from '../../shared/contract/methods/privacy.ts';
import type { DevicesOn } from '../privacy.ts';
import { APP_ROOT, buildDiagnostics, type DiagnosticsBundle } from '../diagnostics.ts';
import { writeZip, type Rights } from '../rights.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export type PrivacyDeps = {
  privacy: Privacy;
  rights: Rights;
  devices: () => DevicesOn;
  /** Tells every window the privacy status changed. */
  changed: () => void;
  /** The host's "show in the file manager" (Electron's shell); none in the browser host. */
  reveal?: (target: string) => Promise<void> | void;
  /** The operating system's own camera and microphone permission (Electron on macOS and Windows). */
  osAccess?: OsAccessHost;
};

/** What a desktop host can tell of, and open in, the system's privacy settings. */
export type OsAccessHost = {
  system: 'mac' | 'windows';
  status(device: 'camera' | 'microphone'): z.output<typeof OsAccess>;
  openSettings(device: 'camera' | 'microphone'): Promise<void>;
};

export function privacyHandlers({ files, emit, dataDir, settings, library }: AppContext, { privacy, rights, devices, changed, reveal, osAccess }: PrivacyDeps): DomainHandlers<typeof privacyMethods> {
  // What the person last read is what gets saved.
  let shown: DiagnosticsBundle | null = null;
  const diagnostics = () => buildDiagnostics({ dataDir, libraryRoot: library.root, privacy, settings, rights });
  const after = <T>(value: T): T => {
    changed();
    return value;
  };
  return {
    'privacy.status': () => privacy.status(),
    'privacy.notice': ({ locale }) => privacy.notice(locale),
    'privacy.decide': (answer) => after(privacy.decide(answer)),
    'privacy.setAge': async ({ minor, pin }) => after(await privacy.setAge(minor, pin)),
    'privacy.setGuardianPin': async ({ pin }) => after(await privacy.setGuardianPin(pin)),
    'privacy.setSwitch': async ({ feature, on, pin }) => after(await privacy.setSwitch(feature, on, pin)),
    'privacy.setRetention': async (patch) => {
      const status = after(privacy.setRetention(patch));
      setLogRetention(status.retention.logs);
      // A shorter retention applies now, not at the next start.
      await rights.applyRetention();
      return status;
    },
    'privacy.usage': ({ days }) => ({ entries: privacy.usage.list(days ?? privacy.status().retention.usage) }),
    'privacy.exportUsage': () => ({
      fileName: `darkslide-usage-${new Date().toISOString().slice(0, 10)}.ndjson`,
      ndjson: privacy.usage.ndjson(privacy.status().retention.usage),
    }),
    'privacy.devices': () => devices(),
    'privacy.openSource': () => {
      const { packages, dataSets } = readNotices(APP_ROOT);
      return { packages, dataSets };
    },
    'privacy.stores': async () => ({ stores: await rights.stores(), ...rights.paths(), retention: rights.lastRetention() }),
    'privacy.storeFiles': ({ store, limit }) => rights.storeFiles(store, limit),
    'privacy.osAccess': () =>
      osAccess ? { system: osAccess.system, camera: osAccess.status('camera'), microphone: osAccess.status('microphone') } : { system: null, camera: 'unknown', microphone: 'unknown' },
    'privacy.openOsSettings': async ({ device }) => {
      if (!osAccess) return { opened: false };
      await osAccess.openSettings(device);
      return { opened: true };
    },
    'privacy.reveal': async ({ store }) => {
      if (!reveal) return { opened: false };
      await reveal(rights.revealTarget(store));
      return { opened: true };
    },
    'privacy.exportData': async ({ folder }) => {
      const chosen = files.resolve(folder, { kind: 'folder', access: 'write' });
      await assertWritableFolder(chosen.path, chosen.name);
      const { name, bytes, entries } = await rights.exportData(chosen.path, (progress) => emit('privacy.progress', { task: 'export', ...progress }));
      return { name, bytes, entries };
    },
    'privacy.diagnostics': async () => {
      shown = await diagnostics();
      return shown;
    },
    'privacy.saveDiagnostics': async ({ folder }) => {
      const chosen = files.resolve(folder, { kind: 'folder', access: 'write' });
      await assertWritableFolder(chosen.path, chosen.name);
      const bundle = shown ?? (await diagnostics());
      return writeZip(chosen.path, `darkslide-diagnostics-${new Date().toISOString().slice(0, 10)}`, [
        ['diagnostics.json', () => Buffer.from(bundle.summary)],
        ['log-tail.ndjson', () => Buffer.from(bundle.log)],
      ], undefined, undefined, dataDir);
    },
    'privacy.cancelExport': () => {
      rights.cancelExport();
      return {};
    },
    'privacy.erase': async ({ scope, stores, confirm }) => {
      const report = await rights.erase(scope, stores, confirm, (progress) => emit('privacy.progress', { task: 'erase', ...progress }));
      changed();
      return report;
    },
  };
}

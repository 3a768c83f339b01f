// Darkslide's privacy service: the notice and the consent ledger, the age answer and the guardian's PIN, the
// camera/microphone/location switches and the one policy the location and export code ask, and the usage
// record. Plain Node; the data lives in `<data>/privacy.sqlite` (store.ts). See README.md beside this file.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { promisify } from 'node:util';
import { DarkslideError } from '../shared/errors/index.ts';
import { appendLedger, getState, openStore, readLedger, setState, STORE_FILE, type LedgerEntry, type Store } from './store.ts';
import { usageRecord, type UsageRecord } from './usage.ts';

export { applyPrivateUmask, makePrivateDir, makePrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './files.ts';
export { STORE_FILE, type LedgerEntry, type UsageEntry, type UsageKind, type UsagePurpose } from './store.ts';
export type { UsageRecord } from './usage.ts';
export { collectNotices, readNotices, type Notices } from './notices.ts';

export const FEATURES = ['camera', 'microphone', 'location'] as const;
export type Feature = (typeof FEATURES)[number];
export const DEFAULT_RETENTION = { logs: 30, usage: 30, diagnostics: 30, trash: 30 } as const;
export type Retention = { logs: number; usage: number; diagnostics: number; trash: number };

type Texts = { en: string; zh: string };
export type NoticeChange = { version: number; date: string; concerns: Feature[]; summary: Texts };
type Manifest = { version: number; date: string; texts: Record<string, string>; features: Feature[]; history: NoticeChange[] };

export type FeatureStatus = {
  /** The user agreed to the notice's terms for it, at the version that last changed them. */
  consented: boolean;
  /** The switch in Settings. */
  switchOn: boolean;
  /** Both, and nothing else keeps it off: what the services obey. */
  on: boolean;
  /** Why it is off when consent and switch allow it ('minor-without-guardian'), else null. */
  blockedBy: string | null;
};

export type PrivacyStatus = {
  noticeVersion: number;
  /** No decision recorded yet: the notice and the age question come first. */
  firstRun: boolean;
  /** Features whose terms changed (or were never decided) since the user last answered, with the changes. */
  pending: { features: Feature[]; changes: NoticeChange[] };
  age: 'adult' | 'minor' | null;
  guardian: { pinSet: boolean; confirmed: boolean };
  features: Record<Feature, FeatureStatus>;
  retention: Retention;
};

export type LocationPolicy = {
  /** May a location be attached to a new shot, or a track applied, now? */
  attach: boolean;
  /** May an export keep a photo's location? (Never for an under-18 without the guardian's confirmation.) */
  exportKeepsLocation: boolean;
  reason: string | null;
};

export type Privacy = {
  status(): PrivacyStatus;
  notice(locale: string): { version: number; date: string; text: string; history: NoticeChange[] };
  /** The user's answer to the notice (first run) or to its changes: the features it concerns go on or stay off. */
  decide(answer: { accept: boolean; features?: Feature[]; locale?: string }): PrivacyStatus;
  /** First run, or Settings: under 18 or not. Leaving "under 18" needs the guardian's PIN once one is set. */
  setAge(minor: boolean, pin?: string): Promise<PrivacyStatus>;
  /** The parent or guardian sets their PIN (under 18 only); this is their confirmation. */
  setGuardianPin(pin: string): Promise<PrivacyStatus>;
  setSwitch(feature: Feature, on: boolean, pin?: string): Promise<PrivacyStatus>;
  setRetention(patch: Partial<Retention>): PrivacyStatus;
  locationPolicy(): LocationPolicy;
  ledger(): LedgerEntry[];
  usage: UsageRecord;
  /** Everything the store holds, for "Export my data". */
  exportData(): { status: PrivacyStatus; ledger: LedgerEntry[]; usage: ReturnType<UsageRecord['list']> };
  /** Erase: usage record and ledger, age, PIN and switches back to a first run. */
  eraseAll(): void;
  /** The usage record only. */
  eraseUsage(): void;
  /** The consent ledger and the answers (age, PIN, switches, retention): back to a first run. */
  eraseConsent(): void;
  file: string;
  close(): void;
};

const scryptAsync = promisify(scrypt) as (pin: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const SCRYPT = { N: 2 ** 14, r: 8, p: 1 };
const PIN_PATTERN = /^\d{4,12}$/;
/** Wrong PINs in a row before the next try waits; the wait doubles each time after. */
const FREE_TRIES = 5;

export function defaultNoticeDir(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'resources', 'privacy');
}

export function readNoticeManifest(dir = defaultNoticeDir()): Manifest {
  const file = path.join(dir, 'notice.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new DarkslideError('privacy.notice-missing', { file }, { cause: error });
  }
}

/**
 * The person's retention as the privacy store holds it, read without opening the service (the CLI opens the
 * library, whose purge at open must keep the trash as long as the app would). Defaults when nothing is stored.
 */
export function readRetention(dataDir: string): Retention {
  const file = path.join(dataDir, STORE_FILE);
  if (!existsSync(file)) return { ...DEFAULT_RETENTION };
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
  try {
    const row = db.prepare("SELECT value FROM state WHERE key = 'retention'").get() as { value: string } | undefined;
    return { ...DEFAULT_RETENTION, ...(row ? (JSON.parse(row.value) as Partial<Retention>) : {}) };
  } catch {
    // A store from before the state table, or one being created right now: nothing chosen yet.
    return { ...DEFAULT_RETENTION };
  } finally {
    db.close();
  }
}

export function openPrivacy(dataDir: string, options: { noticeDir?: string } = {}): Privacy {
  const noticeDir = options.noticeDir ?? defaultNoticeDir();
  const manifest = readNoticeManifest(noticeDir);
  const store: Store = openStore(dataDir);
  const usage = usageRecord(store);
  let wrongPins = 0;
  let pinLockedUntil = 0;

  /** The notice version that last changed what a feature's terms say. */
  const changedAt = (feature: Feature) => Math.max(0, ...manifest.history.filter((change) => change.concerns.includes(feature)).map((change) => change.version));

  function decisions(): Map<Feature, { accepted: boolean; version: number }> {
    const out = new Map<Feature, { accepted: boolean; version: number }>();
    for (const entry of readLedger(store)) {
      if (entry.event !== 'accepted' && entry.event !== 'declined') continue;
      for (const feature of (entry.detail.features as Feature[] | undefined) ?? []) out.set(feature, { accepted: entry.event === 'accepted', version: entry.noticeVersion });
    }
    return out;
  }

  function status(): PrivacyStatus {
    const decided = decisions();
    const age = getState<'adult' | 'minor'>(store, 'age') ?? null;
    const guardian = getState<{ salt: string; hash: string; confirmedAt: string }>(store, 'guardian');
    const lastAnswered = Math.max(0, ...[...decided.values()].map((d) => d.version));
    const pendingFeatures = FEATURES.filter((feature) => {
      const d = decided.get(feature);
      return !d || d.version < changedAt(feature);
    });
    const changes = manifest.history.filter((change) => change.version > lastAnswered && change.concerns.some((feature) => pendingFeatures.includes(feature)));
    const features = {} as Record<Feature, FeatureStatus>;
    for (const feature of FEATURES) {
      const d = decided.get(feature);
      const consented = Boolean(d?.accepted && d.version >= changedAt(feature));
      const switchOn = getState<boolean>(store, `switch.${feature}`) ?? defaultSwitch(feature, age);
      const blockedBy = feature === 'location' && age !== 'adult' && !guardian ? (age === 'minor' ? 'minor-without-guardian' : 'age-unknown') : null;
      features[feature] = { consented, switchOn, on: consented && switchOn && blockedBy === null, blockedBy };
    }
    return {
      noticeVersion: manifest.version,
      firstRun: decided.size === 0 || age === null,
      pending: { features: pendingFeatures, changes },
      age,
      guardian: { pinSet: Boolean(guardian), confirmed: Boolean(guardian?.confirmedAt) },
      features,
      retention: { ...DEFAULT_RETENTION, ...getState<Partial<Retention>>(store, 'retention') },
    };
  }

  async function verifyPin(pin: string | undefined): Promise<void> {
    const guardian = getState<{ salt: string; hash: string }>(store, 'guardian');
    if (!guardian) return;
    if (!pin) throw new DarkslideError('privacy.pin-required');
    if (Date.now() < pinLockedUntil) throw new DarkslideError('privacy.pin-wait', { seconds: Math.ceil((pinLockedUntil - Date.now()) / 1000) });
    const hash = await scryptAsync(pin, Buffer.from(guardian.salt, 'base64'), 32, SCRYPT);
    if (!timingSafeEqual(hash, Buffer.from(guardian.hash, 'base64'))) {
      wrongPins += 1;
      if (wrongPins >= FREE_TRIES) pinLockedUntil = Date.now() + 1000 * 2 ** Math.min(wrongPins - FREE_TRIES + 3, 10);
      throw new DarkslideError('privacy.wrong-pin');
    }
    wrongPins = 0;
  }

  /** Deleted rows must not linger in free pages or the write-ahead log: rewrite the file and empty the log. */
  function compact(): void {
    store.db.exec('VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  }

  return {
    file: store.file,
    usage,
    status,
    notice(locale) {
      const name = manifest.texts[locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'] ?? manifest.texts.en;
      const file = path.join(noticeDir, name ?? '');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new DarkslideError('privacy.notice-missing', { file }, { cause: error });
      }
      return { version: manifest.version, date: manifest.date, text, history: manifest.history };
    },
    decide({ accept, features, locale }) {
      const current = status();
      const concerned = features ?? (current.pending.features.length > 0 ? current.pending.features : [...FEATURES]);
      appendLedger(store, { noticeVersion: manifest.version, event: accept ? 'accepted' : 'declined', detail: { features: concerned, ...(locale ? { locale } : {}) } });
      return status();
    },
    async setAge(minor, pin) {
      const current = getState<'adult' | 'minor'>(store, 'age');
      // A child cannot simply say they are an adult once a guardian has taken charge.
      if (current === 'minor' && !minor) await verifyPin(pin);
      setState(store, 'age', minor ? 'minor' : 'adult');
      if (!minor) setState(store, 'guardian', undefined);
      // Location is off for an under-18 until the guardian turns it on with the PIN.
      if (minor && current !== 'minor') setState(store, 'switch.location', false);
      appendLedger(store, { noticeVersion: manifest.version, event: 'age', detail: { minor } });
      return status();
    },
    async setGuardianPin(pin) {
      if (getState<string>(store, 'age') !== 'minor') throw new DarkslideError('privacy.not-minor');
      if (!PIN_PATTERN.test(pin)) throw new DarkslideError('privacy.pin-format');
      // Changing a PIN needs the old one; this is that check when one is set.
      if (getState(store, 'guardian')) throw new DarkslideError('privacy.pin-set');
      const salt = randomBytes(16);
      const hash = await scryptAsync(pin, salt, 32, SCRYPT);
      setState(store, 'guardian', { salt: salt.toString('base64'), hash: hash.toString('base64'), confirmedAt: new Date().toISOString(), scrypt: SCRYPT });
      appendLedger(store, { noticeVersion: manifest.version, event: 'guardian-confirmed', detail: {} });
      return status();
    },
    async setSwitch(feature, on, pin) {
      const current = status();
      if (on && feature === 'location' && current.age === 'minor') {
        if (!current.guardian.pinSet) throw new DarkslideError('privacy.location-needs-guardian');
        await verifyPin(pin);
      }
      setState(store, `switch.${feature}`, on);
      appendLedger(store, { noticeVersion: manifest.version, event: 'switch', detail: { feature, on } });
      return status();
    },
    setRetention(patch) {
      const next = { ...status().retention };
      for (const [key, days] of Object.entries(patch) as [keyof Retention, number][]) {
        if (!Number.isInteger(days) || days < 1 || days > 365) throw new DarkslideError('privacy.retention-range', { days });
        next[key] = days;
      }
      setState(store, 'retention', next);
      appendLedger(store, { noticeVersion: manifest.version, event: 'retention', detail: next });
      return status();
    },
    locationPolicy() {
      const { features, age, guardian } = status();
      const location = features.location;
      return {
        attach: location.on,
        // Keeping a photo's place in an export is the exporter's choice, except for an under-18 (or someone
        // who has not answered yet) until the guardian has confirmed.
        exportKeepsLocation: age === 'adult' || guardian.confirmed,
        reason: location.on ? null : (location.blockedBy ?? (!location.consented ? 'no-consent' : 'switched-off')),
      };
    },
    ledger: () => readLedger(store),
    exportData() {
      return { status: status(), ledger: readLedger(store), usage: usage.list(status().retention.usage) };
    },
    eraseAll() {
      store.db.exec('DELETE FROM usage; DELETE FROM consent; DELETE FROM state;');
      compact();
    },
    eraseUsage() {
      store.db.exec('DELETE FROM usage;');
      compact();
    },
    eraseConsent() {
      // The ledger and the answers it led to (age, guardian PIN, switches, retention): the next start asks again.
      store.db.exec('DELETE FROM consent; DELETE FROM state;');
      compact();
    },
    close() {
      usage.stop();
      store.close();
    },
  };
}

function defaultSwitch(feature: Feature, age: 'adult' | 'minor' | null): boolean {
  // Location: on only for an adult (whose own "attach a place" setting is still off until they choose a place).
  if (feature === 'location') return age === 'adult';
  return true;
}

// The app's library as one object that can be pointed at another catalog while the app runs (Settings →
// Library: choose or move). Everything the app built around the library (jobs engine, shutter, handlers, the
// change feed) keeps the object it was given; calls go to whichever library is current. While a move copies,
// writes are refused with library.moving so that nothing added meanwhile is left behind in the old place.
import { DarkslideError } from '../shared/errors/index.ts';
import type { ChangeEvent, Library } from '../library/index.ts';

export type SwitchableLibrary = Library & {
  current(): Library;
  /** Makes `next` the library every caller uses, re-subscribes change listeners, and resolves to the old one (still open). */
  switchTo(next: Library): Library;
  /** While frozen, calls that change the library are refused (library.moving); reads go on. */
  freeze(on: boolean): void;
};

const WRITES = new Set(['addShot', 'addFile', 'trash', 'restore', 'emptyTrash', 'setLocation', 'forgetLocations', 'setFavourite', 'purgeTrash']);
const JOB_WRITES = new Set(['create', 'addItems', 'clearItems', 'claimOrphans']);

export function createSwitchableLibrary(initial: Library): SwitchableLibrary {
  let library = initial;
  let frozen = false;
  const listeners = new Map<(event: ChangeEvent) => void, () => void>();
  const refused = () => Promise.reject(new DarkslideError('library.moving'));

  /** A sub-object (jobs, album, imports) whose calls follow the current library. */
  const follow = (part: 'jobs' | 'album' | 'imports', writes: Set<string> = new Set()) =>
    new Proxy({} as Record<string, unknown>, {
      get(_target, key: string) {
        const value = (library[part] as Record<string, unknown>)[key];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => (frozen && writes.has(key) ? refused() : (value as (...a: unknown[]) => unknown)(...args));
      },
    });
  const jobs = follow('jobs', JOB_WRITES);
  const album = follow('album');
  const imports = follow('imports');

  const switchable = new Proxy({} as SwitchableLibrary, {
    get(_target, key: string) {
      switch (key) {
        case 'current':
          return () => library;
        case 'switchTo':
          return (next: Library) => {
            const old = library;
            for (const [listener, off] of listeners) {
              off();
              listeners.set(listener, next.onChange(listener));
            }
            library = next;
            return old;
          };
        case 'freeze':
          return (on: boolean) => {
            frozen = on;
          };
        case 'onChange':
          return (listener: (event: ChangeEvent) => void) => {
            listeners.set(listener, library.onChange(listener));
            return () => {
              listeners.get(listener)?.();
              listeners.delete(listener);
            };
          };
        case 'close':
          return () => {
            for (const off of listeners.values()) off();
            listeners.clear();
            return library.close();
          };
        case 'jobs':
          return jobs;
        case 'album':
          return album;
        case 'imports':
          return imports;
        case 'then':
          return undefined;
      }
      const value = (library as unknown as Record<string, unknown>)[key];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (frozen && WRITES.has(key) ? refused() : (value as (...a: unknown[]) => unknown)(...args));
    },
  });
  return switchable;
}

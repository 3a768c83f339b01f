import type { MethodName } from '../../shared/contract/api.ts';
import type { Emit, Handlers } from '../../shared/contract/server.ts';
import type { JobEngine } from '../../jobs/index.ts';
import type { Library } from '../../library/index.ts';
import type { LocationStore } from '../../location/index.ts';
import type { Settings } from '../../settings/index.ts';
import type { CaptureControl } from '../capture-control.ts';
import type { FileRegistry } from '../files.ts';
import type { Shutter } from '../shutter.ts';
import type { LibraryControl } from '../library-control.ts';
import type { RecordCheck } from '../record-check.ts';

/** What every domain's handlers may use: the services one app instance opened. */
export type AppContext = {
  library: Library;
  /** Background jobs (develop batches, imports): one engine per app, over the library's journal. */
  jobs: JobEngine;
  settings: Settings;
  /** The place new shots get (off unless the user set one). */
  locationStore: LocationStore;
  control: CaptureControl;
  /** Handles to files the person chose (files domain): `files.resolve(id)` gives the path. */
  files: FileRegistry;
  /** The camera's shutter: presses, and the next shot got ready between them. */
  shutter: Shutter;
  /** Settings → Library: where the library is, choosing another, moving it. */
  libraryControl: LibraryControl;
  /** Whether this computer records a size with a look in real time, measured once and kept. */
  recordCheck: RecordCheck;
  dataDir: string;
  emit: Emit;
};

/** The handlers of one domain: exactly the methods of its table in the contract. */
export type DomainHandlers<M extends Record<string, unknown>> = Pick<Handlers, keyof M & MethodName>;

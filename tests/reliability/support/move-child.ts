// A process that moves a library the way the app does (settings, switchable library, the move controller) and
// prints each progress report as a line, pausing a little after each so a test can SIGKILL it mid-move.
// Usage: node move-child.ts <app data> <default root> <destination>
import { createJobEngine } from '../../../main/jobs/index.ts';
import { openLibrary } from '../../../main/library/index.ts';
import { openSettings } from '../../../main/settings/index.ts';
import { createLibraryControl } from '../../../main/app/library-control.ts';
import { placeFor } from '../../../main/app/library-folder.ts';
import { createSwitchableLibrary } from '../../../main/app/switchable-library.ts';

const [appData, root, to] = process.argv.slice(2) as [string, string, string];
const defaults = { root, dataDir: appData };
const settings = openSettings(appData);
const library = createSwitchableLibrary(await openLibrary(placeFor(settings.libraryFolder(), defaults)));
const jobs = createJobEngine({ library, kinds: [] });
const pause = new Int32Array(new SharedArrayBuffer(4));
const control = createLibraryControl({
  library,
  settings,
  jobs,
  appData,
  defaults,
  isRecording: () => false,
  open: (next) => openLibrary(next),
  onMove(state) {
    process.stdout.write(`${JSON.stringify({ stage: state.stage, state: state.state, done: state.done })}\n`);
    Atomics.wait(pause, 0, 0, 15);
  },
});
await control.move(to);
await control.settled();
await jobs.close();
await library.close();
process.stdout.write('end\n');

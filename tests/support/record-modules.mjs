// Preloaded with --import by a test: appends the URL of every module the process loads (main thread) to the
// file named by DARKSLIDE_MODULES_LOG, so a test can tell which parts of Darkslide a command brought in.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.DARKSLIDE_MODULES_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}

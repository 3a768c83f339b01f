// Every call the page or a host makes is timed, and every failure is logged, at one place: the handlers
// the dispatcher runs. Expected failures (a DarkslideError: file not found, camera busy) are warnings with
// their code; anything else is a bug and is logged with its stack. Slow calls are logged as timings.
import { logger } from '../logging/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import type { Handlers } from '../shared/contract/server.ts';

const log = logger('api');
/** Calls quicker than this are timed at debug level only: the log keeps what is worth reading. */
const SLOW_MS = 100;

export function loggedHandlers(handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[method] = async (input) => {
      const started = performance.now();
      try {
        const value = await handler(input);
        const ms = Math.round(performance.now() - started);
        if (ms >= SLOW_MS) log.info({ op: method, ms }, 'timing');
        else log.debug({ op: method, ms }, 'timing');
        return value;
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        if (error instanceof DarkslideError) log.warn({ op: method, ms, code: error.code, params: error.params }, error.message);
        else log.error({ op: method, ms, err: error }, 'call failed');
        throw error;
      }
    };
  }
  return wrapped as Handlers;
}

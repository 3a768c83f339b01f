import type { z } from 'zod';
import { events, isMethodName, methods, type EventName, type EventPayload, type Input, type MethodName, type Output } from './api.ts';
import { DarkslideError, toErrorData } from './errors.ts';
import type { Dispatcher } from './transport.ts';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };
type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The main-process boundary. Every call from any transport lands here: the
 * method name must exist in the contract and the input must parse, else the
 * caller gets a typed error, never a crash. Outputs are checked too, so a
 * service bug cannot leak fields the contract does not promise.
 */
export function createDispatcher(handlers: Handlers): Dispatcher & { emit: Emit } {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return { ok: false, error: new DarkslideError('api.unknown-method', { method: String(method).slice(0, 80) }).toData() };
      }
      const spec = methods[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') || '(input)';
        return { ok: false, error: new DarkslideError('api.invalid-input', { method, field, problem: issue?.message ?? 'bad value' }, { field }).toData() };
      }
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          throw new DarkslideError('api.internal', { detail: `${method} produced a result the contract does not allow (${checked.error.issues[0]?.path.join('.')})` });
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      // Events are checked in development-sized cost: frames skip deep parsing.
      if (event !== 'viewfinder.frame') events[event].parse(payload);
      for (const listener of listeners) listener(event, payload);
    },
  };
}

export type { Input, Output };

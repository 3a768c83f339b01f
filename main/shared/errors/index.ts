// One error language for every service and both sides. An error is a stable code from the tables below
// plus the values its message needs; its words (what happened, what to do) come from the message
// catalogue in the user's language. Services throw DarkslideError, the dispatcher carries it as data, the
// renderer and the CLI show it translated (errorTextIn, or useErrorText in the page).
//
// Add a code to the table of its domain (or a new table, listed in tables.ts): the catalogue picks up its
// message and action as `error.<code>` and `error.<code>.action`.
import type { ErrorButton, ErrorSpec } from './define.ts';
import { errorTables } from './tables.ts';
import { format } from '../i18n/format.ts';
import type { Locale } from '../i18n/catalog.ts';

export { errorTables };

type Union<T extends readonly unknown[]> = T[number];
type AllErrors = Union<typeof errorTables>;
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type ErrorCode = KeysOfUnion<AllErrors> & string;

export type ErrorParams = Record<string, string | number>;

const specs = new Map<string, ErrorSpec>(errorTables.flatMap((table) => Object.entries(table)));

export function errorSpec(code: string): ErrorSpec | undefined {
  return specs.get(code);
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && specs.has(code);
}

/** How an error crosses the boundary: plain data, never a stack. */
export type ErrorData = { code: string; message: string; params?: ErrorParams; field?: string; button?: ErrorButton };

export class DarkslideError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** The input field the error is about, where it is one. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, params: ErrorParams = {}, options: { cause?: unknown; field?: string } = {}) {
    super(englishText(code, params), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DarkslideError';
    this.code = code;
    this.params = params;
    this.field = options.field;
  }

  get button(): ErrorButton | undefined {
    return specs.get(this.code)?.button;
  }

  /** An error as it arrived from the other side: its code and words are kept as they were sent. */
  static fromData(data: ErrorData): DarkslideError {
    const error = new DarkslideError('api.internal', { detail: data.message }, data.field ? { field: data.field } : {});
    Object.defineProperty(error, 'code', { value: data.code });
    Object.defineProperty(error, 'params', { value: data.params ?? {} });
    error.message = data.message;
    return error;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, params: this.params };
    if (this.field) data.field = this.field;
    const button = this.button;
    if (button) data.button = button;
    return data;
  }
}

/** The error's message and action in English: what logs, the CLI and anything without a locale show. */
export function englishText(code: ErrorCode, params: ErrorParams): string {
  return errorText(code, params, (id, values) => format('en', id, values));
}

/** Message and action joined, in whatever language `translate` speaks (the renderer passes its own). */
export function errorText(code: string, params: ErrorParams | undefined, translate: (id: string, values: ErrorParams) => string): string {
  const spec = specs.get(code);
  if (!spec) return '';
  const message = translate(`error.${code}`, params ?? {});
  if (!spec.action) return message;
  // Chinese puts no space after its full-width full stop; English does after its own.
  const gap = /[\u3000-\u303f\uff00-\uffef]$/.test(message) ? '' : ' ';
  return `${message}${gap}${translate(`error.${code}.action`, params ?? {})}`;
}

/**
 * Any error in `locale`, outside React (the CLI, the shell): a table's code is worded from its params, with its
 * action. An error from a table that arrives without params (an older record) keeps the words it came with:
 * formatting it would leave its placeholders unfilled. Anything else keeps its own message.
 */
export function errorTextIn(locale: Locale, error: unknown): string {
  const { code, params, message } = (error ?? {}) as { code?: unknown; params?: ErrorParams; message?: unknown };
  if (isErrorCode(code) && (params !== undefined || error instanceof DarkslideError)) {
    return errorText(code, params, (id, values) => format(locale, id, values));
  }
  return typeof message === 'string' && message ? message : String(error);
}

/** Anything thrown that is not a DarkslideError is a bug: it is reported as `api.internal` with its text. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof DarkslideError) return error.toData();
  // TRANSITION: services that still throw their own error classes (a string `code` and an English message)
  // keep both until they move to DarkslideError; their words then reach the UI untranslated.
  const legacyCode = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof legacyCode === 'string' && !legacyCode.startsWith('ERR_') && !/^E[A-Z]+$/.test(legacyCode)) {
    return { code: legacyCode, message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DarkslideError('api.internal', { detail }).toData();
}

export type { ErrorButton, ErrorSpec };

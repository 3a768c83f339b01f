// Errors cross the boundary as plain data: a stable code the UI can branch on
// and a message a person can act on. Stacks never leave the main process.
export type ApiErrorData = { code: string; message: string; field?: string };

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
  toData(): ApiErrorData {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.field);
  }
}

/** Services throw errors with a string `code`; anything else is a bug and is reported as 'internal'. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  // Node's own ERR_* codes are internals, not something a person can act on.
  if (error instanceof Error && typeof code === 'string' && !code.startsWith('ERR_')) return new ApiError(code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', `Something went wrong inside Darkslide: ${message}. Please report this with the steps that led to it.`);
}

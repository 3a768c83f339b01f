/**
 * Every failure the look engine reports carries a stable `code` so the API layer can forward it
 * (code + message) without parsing text.
 */
export class LookError extends Error {
  code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LookError';
    this.code = code;
  }
}

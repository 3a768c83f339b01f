// Errors cross the boundary as plain data (ErrorData): a stable code the UI can branch on and translate,
// the values its message needs, and the English words. Stacks never leave the main process.
export { DarkslideError, errorText, isErrorCode, toErrorData, type ErrorCode, type ErrorData, type ErrorParams } from '../errors/index.ts';

// What the start-up error box says. Services throw errors with a code and a
// message that names the file or folder and what to do; anything else is a
// bug, said as one.
export function startupFailure(error: unknown): { title: string; message: string } {
  const detail = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  const explained = typeof code === 'string' && !code.startsWith('ERR_');
  return {
    title: 'Darkslide could not start',
    message: explained ? detail : `Something went wrong while starting: ${detail}\n\nPlease report this with the steps that led to it.`,
  };
}

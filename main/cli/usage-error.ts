// Apart from support.ts, so that `darkslide --version` and `--help` load no service to name their errors.
/** A mistake in the command line; `withUsage` has index.ts print the whole usage text after the message. */
export class UsageError extends Error {
  readonly code = 'usage';
  readonly withUsage: boolean;
  constructor(message: string, options: { withUsage?: boolean } = {}) {
    super(message);
    this.withUsage = options.withUsage ?? false;
  }
}

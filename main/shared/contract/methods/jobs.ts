// Long work that runs in the background with progress (develop batches, imports, exports).
import { z } from 'zod';

export const jobsMethods = {};

export const jobsEvents = {
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
    finished: z.boolean(),
  }),
};

// How an item was developed, stored with it so it can be developed again (and shown in the info panel).
// Photos carry the whole recipe; videos and recovered recordings carry the part they know.
import { z } from 'zod';

export const Recipe = z.object({
  lookId: z.string(),
  lookVersion: z.number(),
  strength: z.number().min(0).max(1),
  grain: z.number().min(0).max(1),
  /** Effects (grain, vignette, light, frame, imprint) applied at all. */
  effects: z.boolean().optional(),
  seed: z.number().optional(),
  dateStampText: z.string().nullable().optional(),
  /** A half-frame print of two exposures: its kept original holds them side by side, left then right. */
  pair: z.boolean().optional(),
});

export type RecipeT = z.output<typeof Recipe>;

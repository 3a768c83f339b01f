import { z } from 'zod';

export const id = z.string().min(1).max(4096);
export const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected binary data');
export const nothing = z.object({}).strict();
/** 0..1, as sliders give it. */
export const unit = z.number().min(0).max(1);

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

import { z } from 'zod';

// A look definition is data, versioned, validated at load: adding a look never needs code.
const unit = z.number().min(0).max(1);
const curvePoints = z.array(z.tuple([unit, unit])).min(2);
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ff8800');

export const parametricColourSchema = z
  .object({
    source: z.literal('parametric'),
    /** Warm (+) / cool (-) white balance, -1..1, applied in linear light. */
    temperature: z.number().min(-1).max(1).default(0),
    /** Magenta (+) / green (-), -1..1. */
    tint: z.number().min(-1).max(1).default(0),
    exposure: z.number().min(-3).max(3).default(0),
    /** 3x3 row-major channel crossover in linear light (film dye crosstalk). */
    mixer: z.array(z.number()).length(9).optional(),
    /** S-curve strength around mid-grey; negative flattens. */
    contrast: z.number().min(-1).max(1).default(0),
    toneCurve: curvePoints.optional(),
    curves: z.object({ r: curvePoints.optional(), g: curvePoints.optional(), b: curvePoints.optional() }).optional(),
    saturation: z.number().min(0).max(3).default(1),
    splitToning: z
      .object({
        shadowHue: z.number(),
        shadowAmount: unit,
        highlightHue: z.number(),
        highlightAmount: unit,
        balance: z.number().min(-1).max(1).default(0),
      })
      .optional(),
    /** Black-and-white: luminance from these channel weights (they need not sum to 1). */
    blackAndWhite: z.object({ r: z.number(), g: z.number(), b: z.number() }).optional(),
    /** Lifted blacks (output black level) and lowered whites, 0..0.5. */
    fade: z.number().min(0).max(0.5).default(0),
    whitePoint: z.number().min(0.5).max(1).default(1),
  })
  .strict();

export const lutColourSchema = z
  .object({
    source: z.literal('lut'),
    /** .cube file, relative to the look definition's folder. */
    file: z.string().min(1),
  })
  .strict();

export const colourSchema = z.discriminatedUnion('source', [parametricColourSchema, lutColourSchema]);

export const grainSchema = z
  .object({
    /** 0 = none, 1 = heavy push-processed grain. */
    amount: unit,
    /** Grain cell size as a fraction of the image's short side, in thousandths (1 = 1/1000). */
    size: z.number().min(0.2).max(10).default(1),
    /** 0 = smooth single-scale clumps, 1 = rough (adds a finer octave). */
    roughness: unit.default(0.5),
    monochrome: z.boolean().default(false),
  })
  .strict();

export const halationSchema = z
  .object({
    amount: z.number().min(0).max(2),
    /** Linear-light level above which highlights bleed. */
    threshold: unit.default(0.6),
    /** Blur sigma as a fraction of the image's short side. */
    radius: z.number().min(0.001).max(0.2).default(0.012),
    tint: z.tuple([unit, unit, unit]).default([1, 0.28, 0.08]),
  })
  .strict();

export const bloomSchema = z
  .object({
    amount: z.number().min(0).max(2),
    threshold: unit.default(0.7),
    radius: z.number().min(0.001).max(0.2).default(0.03),
  })
  .strict();

export const vignetteSchema = z
  .object({
    amount: unit,
    /** Exponent of the radial fall-off; higher keeps the centre clean longer. */
    falloff: z.number().min(0.5).max(8).default(2.5),
  })
  .strict();

export const leaksSchema = z
  .object({
    /** Chance that a given frame (seed) gets a leak. */
    probability: unit,
    intensity: unit.default(0.6),
    colours: z.array(hexColour).min(1).default(['#ff5a1f', '#ffb347']),
  })
  .strict();

export const dateStampSchema = z
  .object({
    style: z.enum(['segment', 'dot-matrix']).default('segment'),
    colour: hexColour.default('#ff8a1c'),
    /** Tokens: YY, YYYY, MM, DD, M (no padding), D; anything else printed as is. */
    format: z.string().min(1).max(24).default("'YY MM DD"),
  })
  .strict();

export const flashSchema = z
  .object({
    /** Centre brightening of a small on-camera flash, 0..1. */
    amount: unit,
    /** Fall-off radius as a fraction of the half-diagonal. */
    reach: z.number().min(0.1).max(2).default(0.7),
  })
  .strict();

export const digitalSchema = z
  .object({
    /** CCD-era softness then oversharpening. */
    softness: unit.default(0.3),
    sharpen: unit.default(0.4),
    /** Encodes through low-quality JPEG once to carry its block character. */
    jpegQuality: z.number().int().min(20).max(100).default(70),
    /** Native long edge the look resamples through (e.g. 1600 for a 2 MP digicam). */
    nativeLongEdge: z.number().int().min(320).max(8000).optional(),
  })
  .strict();

export const lookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
    version: z.number().int().min(1),
    name: z.string().min(1).max(60),
    description: z.string().max(400),
    kind: z.enum(['photo', 'video']),
    /** Output crop like "3:2", "1:1"; null keeps the source framing. */
    aspect: z
      .string()
      .regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'a ratio like 3:2')
      .nullable()
      .default(null),
    colour: colourSchema,
    grain: grainSchema.default({ amount: 0, size: 1, roughness: 0.5, monochrome: false }),
    halation: halationSchema.nullable().default(null),
    bloom: bloomSchema.nullable().default(null),
    vignette: vignetteSchema.nullable().default(null),
    leaks: leaksSchema.nullable().default(null),
    flash: flashSchema.nullable().default(null),
    digital: digitalSchema.nullable().default(null),
    dateStamp: dateStampSchema.nullable().default(null),
    frame: z.enum(['none', 'instant-square', 'instant-wide', '35mm', 'half-frame']).default('none'),
    video: z
      .object({
        fps: z.number().min(1).max(120),
        /** Frame-to-frame jitter as a fraction of the short side. */
        gateWeave: z.number().min(0).max(0.02).default(0),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'video' && !c.video) ctx.addIssue({ code: 'custom', path: ['video'], message: 'video cameras need { fps, gateWeave }' });
  });

export type LookDefinition = z.infer<typeof lookSchema>;
export type ParametricColour = z.infer<typeof parametricColourSchema>;
export type GrainSpec = z.infer<typeof grainSchema>;

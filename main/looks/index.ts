// Public surface of the look engine. Plain Node: never import electron here.
export type { LookDefinition } from './schema.ts';
export { listLooks, getLook, isBuiltInLook, lookLutAsync, setUserLooksDir, setBuiltInLooksDir, type LookSummary } from './registry.ts';
export { developStill, prepareStill, MAX_PIXELS, RENDERER_VERSION, type DevelopOptions, type EncoderExif, type Recipe, type DevelopResult, type DevelopInput, type RawImage, type OutputFormat } from './develop.ts';
export { previewLook, viewfinderGrainPlate, type PreviewParams } from './preview.ts';
export { importLut, useLutFile, exportCube, readLutFile, renameLook, deleteLook, type ImportOptions } from './import.ts';
export { buildVideoFilter, videoOutputSize, type VideoFilterOptions, type VideoFilter } from './video.ts';
export { developFiles, type DevelopFilesOptions, type DevelopFileResult } from './batch.ts';
export { stopKernelWorkers } from './render/pool.ts';

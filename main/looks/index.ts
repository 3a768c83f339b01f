// Public surface of the look engine. Plain Node: never import electron here.
export { LookError } from './errors.ts';
export type { CameraDefinition } from './schema.ts';
export { listCameras, getCamera, isBuiltInCamera, setUserLooksDir, setBuiltInCamerasDir, type CameraSummary } from './registry.ts';
export { developStill, type DevelopOptions, type Recipe, type DevelopResult, type DevelopInput, type RawImage, type OutputFormat } from './develop.ts';
export { previewLook, type PreviewParams } from './preview.ts';
export { importLut, exportCube, readLutFile, type ImportOptions } from './import.ts';
export { buildVideoFilter, type VideoFilterOptions, type VideoFilter } from './video.ts';
export { developFiles, type DevelopFilesOptions, type DevelopFileResult } from './batch.ts';
export { stopKernelWorkers } from './render/pool.ts';

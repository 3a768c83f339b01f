// The job kinds the app and the CLI run (main/jobs is the engine). A new kind is listed here.
import type { JobKind } from '../../jobs/index.ts';
import { developKind } from './develop.ts';
import { exportKind } from './export.ts';
import { geotagKind } from './geotag.ts';
import { importKind } from './import.ts';

export const jobKinds: JobKind<never, never>[] = [
  developKind as JobKind<never, never>,
  importKind as JobKind<never, never>,
  geotagKind as JobKind<never, never>,
  exportKind as JobKind<never, never>,
];

export { developKind, developKey, type DevelopInput, type DevelopParams } from './develop.ts';
export { importKind, isImportable, ORIGINAL_LOOK, PHOTO_TYPES, VIDEO_TYPES, type ImportInput, type ImportParams } from './import.ts';
export { stopHeifDecoder } from './heif.ts';
export { geotagKind, undoGeotagJob, type GeotagInput } from './geotag.ts';
export { effectivePolicy, exportKind, exportLocationRuleOf, planExport, setExportLocationRule, sweepExportFolders, templateError, type ExportInput, type ExportItemResult, type ExportParams } from './export.ts';

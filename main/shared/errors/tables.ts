// Every domain's error table. A new domain adds its table here; the codes' union and the message
// catalogue both follow from this list.
import { albumErrors } from './album.ts';
import { apiErrors } from './api.ts';
import { captureErrors } from './capture.ts';
import { exportErrors } from './export.ts';
import { fileErrors } from './files.ts';
import { jobErrors } from './jobs.ts';
import { libraryErrors } from './library.ts';
import { locationErrors } from './location.ts';
import { looksErrors } from './looks.ts';
import { metadataErrors } from './metadata.ts';
import { privacyErrors } from './privacy.ts';

export const errorTables = [apiErrors, fileErrors, captureErrors, albumErrors, locationErrors, metadataErrors, libraryErrors, privacyErrors, looksErrors, jobErrors, exportErrors] as const;

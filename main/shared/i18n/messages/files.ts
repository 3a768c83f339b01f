// Words of the host's file chooser: its filter names show in the system's own dialog.
import { defineMessages } from '../define.ts';

export const filesMessages = defineMessages({
  'files.filter.photos': { en: 'Photos', zh: '照片' },
  'files.filter.luts': { en: 'LUTs (.cube, .3dl, HaldCLUT)', zh: 'LUT 文件（.cube、.3dl、HaldCLUT）' },
});

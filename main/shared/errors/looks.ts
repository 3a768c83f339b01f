// Errors of the look engine: LUT files, developing photos through a look, exporting a look.
import { defineErrors } from './define.ts';

export const looksErrors = defineErrors({
  'develop.too-large': {
    message: { en: '"{file}" is {megabytes} MB: Darkslide develops photo files up to {limit} MB.', zh: '“{file}”有 {megabytes} MB，Darkslide 只能冲洗不超过 {limit} MB 的照片文件。' },
    action: { en: 'Save it smaller (as a JPEG, for example), then try again.', zh: '请先把它另存为更小的文件（例如 JPEG），然后重试。' },
  },
});

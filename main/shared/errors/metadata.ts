// Reading and writing tags in photos and videos (main/metadata).
import { defineErrors } from './define.ts';

export const metadataErrors = defineErrors({
  'metadata.invalid': {
    message: { en: 'Cannot write metadata to "{file}": {field} {detail}.', zh: '无法向“{file}”写入元数据：{field} {detail}。' },
  },
  'metadata.write-failed': {
    message: { en: 'Could not write the {what, select, location {location} other {metadata}} into "{file}" ({detail}).', zh: '无法把{what, select, location {位置} other {元数据}}写入“{file}”（{detail}）。' },
    action: { en: 'Check that the file is a photo or video that is not damaged and that the disk is writable.', zh: '请确认该文件是未损坏的照片或视频，并且磁盘可写。' },
    button: 'retry',
  },
  'metadata.read-failed': {
    message: { en: 'Could not read the metadata of "{file}" ({detail}).', zh: '无法读取“{file}”的元数据（{detail}）。' },
    action: { en: 'Check that the file is a photo or video that is not damaged.', zh: '请确认该文件是未损坏的照片或视频。' },
  },
  'metadata.location-left': {
    message: { en: 'Location is still in "{file}" after removing it ({tags}).', zh: '移除后“{file}”中仍有位置信息（{tags}）。' },
    action: { en: 'Do not share this file until the location is gone.', zh: '在位置信息被移除之前，请不要分享此文件。' },
  },
});

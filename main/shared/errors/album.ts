// Errors of the album and of developing into it. (The library service's own codes join here as it moves
// to the shared error language.)
import { defineErrors } from './define.ts';

export const albumErrors = defineErrors({
  'album.item-not-found': {
    message: { en: 'That item is no longer in the album.', zh: '该项目已不在相册中。' },
    button: 'reload',
  },
  'album.no-original': {
    message: { en: '"{file}" has no undeveloped original kept, so it cannot be developed again.', zh: '“{file}”没有保留未冲洗的原片，因此无法重新冲洗。' },
  },
  'develop.not-a-photo': {
    message: { en: '"{file}" is not a photo Darkslide can read.', zh: 'Darkslide 无法读取“{file}”，它不是可识别的照片。' },
    action: { en: 'Use a JPEG, PNG, TIFF, WebP or AVIF file.', zh: '请使用 JPEG、PNG、TIFF、WebP 或 AVIF 文件。' },
  },
  'develop.decoder-crashed': {
    message: { en: 'The HEIC decoder stopped while reading "{file}" (the picture may be too large for this computer\'s memory).', zh: '读取“{file}”时 HEIC 解码器停止了（图片可能超出了这台电脑的内存）。' },
    action: { en: 'Try it again on its own; if it stops again, convert it to JPEG first.', zh: '请单独再试一次；若仍然停止，请先将其转换为 JPEG。' },
  },
  'develop.failed': {
    message: { en: '"{file}" could not be developed: {detail}.', zh: '无法冲洗“{file}”：{detail}。' },
  },
});

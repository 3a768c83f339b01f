// The top bar: the views and what the app says there about itself.
import { defineMessages } from '../define.ts';

export const navMessages = defineMessages({
  'nav.views': { en: 'Views', zh: '视图' },
  'nav.camera': { en: 'Camera', zh: '相机' },
  'nav.album': { en: 'Album', zh: '相册' },
  'nav.trash': { en: 'Trash', zh: '回收站' },
  'nav.settings': { en: 'Settings', zh: '设置' },
  'nav.camera.title': { en: 'Camera (C)', zh: '相机（C）' },
  'nav.album.title': { en: 'Album (A)', zh: '相册（A）' },
  'nav.settings.title': { en: 'Settings (,)', zh: '设置（,）' },
  'nav.ffmpeg.limited': { en: 'Limited ffmpeg: {problem}', zh: 'ffmpeg 功能受限：{problem}' },
  'nav.ffmpeg.missing': { en: 'No ffmpeg: {problem}', zh: '没有 ffmpeg：{problem}' },
});

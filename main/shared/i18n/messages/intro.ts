// The short introduction on the first launch (also from Settings and the key help).
import { defineMessages } from '../define.ts';

export const introMessages = defineMessages({
  'intro.label': { en: 'Introduction', zh: '简介' },
  'intro.title': { en: 'Welcome to Darkslide', zh: '欢迎使用 Darkslide' },
  'intro.lead': { en: 'A film camera for your desktop, in three points.', zh: '电脑上的胶片相机，三点就能上手。' },
  'intro.cameras.title': { en: 'The cameras are film stocks', zh: '相机就是胶片' },
  'intro.cameras': {
    en: 'Each camera in the list is a film: its colours, grain and print. Pick one, or press [ and ], and the viewfinder shows it live.',
    zh: '列表里的每台相机都是一种胶片：它的色彩、颗粒和相纸。选一台，或按 [ 和 ]，取景器会实时显示效果。',
  },
  'intro.shoot.title': { en: 'Space to shoot', zh: '空格拍摄' },
  'intro.shoot': { en: 'Press Space to take a photo. V switches to video, ? lists every key.', zh: '按空格拍照。按 V 切换到视频，按 ? 查看所有按键。' },
  'intro.photos.title': { en: 'Your photos stay here', zh: '照片都留在本机' },
  'intro.photos': { en: 'They open in the Album (A) and are saved as files in your library folder:', zh: '照片在相册（A）里打开，并以文件形式保存在照片库文件夹中：' },
  'intro.skip': { en: 'Skip', zh: '跳过' },
  'intro.start': { en: 'Start shooting', zh: '开始拍摄' },
  'intro.again': { en: 'Show the introduction', zh: '显示简介' },
});

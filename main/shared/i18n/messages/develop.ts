// Developing photos the person already has (the album's develop dialog) and developing a shot again.
import { defineMessages } from '../define.ts';

export const developMessages = defineMessages({
  'develop.title': { en: 'Develop photos', zh: '冲洗照片' },
  'develop.intro': {
    en: 'Your photos through a film camera, into the album. The originals are kept, so you can compare and develop again.',
    zh: '用一台胶片相机冲洗你的照片，放进相册。原片会保留，方便对比和重新冲洗。',
  },
  'develop.choose': { en: 'Choose photos…', zh: '选择照片…' },
  'develop.choose-other': { en: 'Choose other photos…', zh: '选择其他照片…' },
  'develop.or-drop': { en: 'or drop photos on the album', zh: '或把照片拖到相册里' },
  'develop.files': { en: '{count, plural, one {# photo} other {# photos}}: {names}', zh: '{count, plural, other {# 张照片}}：{names}' },
  'develop.names-more': { en: '{names} and {more} more', zh: '{names}，另有 {more} 张' },
  'develop.start': { en: 'Develop {count, plural, =0 {photos} one {# photo} other {# photos}}', zh: '{count, plural, =0 {冲洗照片} other {冲洗 # 张照片}}' },
  'develop.progress': { en: 'Developing {current} of {total}', zh: '正在冲洗第 {current} 张，共 {total} 张' },
  'develop.progress.label': { en: 'Developed {done} of {total}', zh: '已冲洗 {done} 张，共 {total} 张' },
  'develop.stopping': { en: 'Stopping after this photo…', zh: '冲洗完这张后停止…' },
  'develop.developed': { en: '{count} developed', zh: '已冲洗 {count} 张' },
  'develop.failed': { en: '{count} failed', zh: '{count} 张失败' },
  'develop.skipped': { en: '{count} not started (cancelled)', zh: '{count} 张未开始（已取消）' },
  'develop.more': { en: 'Develop more…', zh: '继续冲洗…' },
  'develop.show-first': { en: 'Show the first one', zh: '查看第一张' },
  'develop.done': { en: 'Done', zh: '完成' },

  'redevelop.title': { en: 'Develop again', zh: '重新冲洗' },
  'redevelop.intro': {
    en: 'The original of this {look} shot, through another camera. It becomes a new photo in the album; this one stays.',
    zh: '用另一台相机重新冲洗这张 {look} 照片的原片。结果会作为新照片存入相册，这一张保持不变。',
  },
  'redevelop.progress': { en: 'Developing through {look}…', zh: '正在用 {look} 冲洗…' },
  'redevelop.progress.camera': { en: 'Developing through the camera…', zh: '正在用这台相机冲洗…' },
  'redevelop.progress.label': { en: 'Developing', zh: '冲洗中' },
  'redevelop.start': { en: 'Develop', zh: '冲洗' },

  'look-choice.camera': { en: 'Camera', zh: '相机' },
  'look-choice.imported': { en: '{name} (imported)', zh: '{name}（已导入）' },
  'look-choice.video': { en: 'Video cameras', zh: '视频相机' },
  'look-choice.colour': { en: 'Colour', zh: '色彩' },
  'look-choice.grain': { en: 'Grain & effects', zh: '颗粒与效果' },
  'look-choice.own-sample': { en: 'Your photo through this camera', zh: '你的照片经过这台相机' },
  'look-choice.own-sample-busy': { en: 'Developing your photo for the preview…', zh: '正在冲洗你的照片以供预览…' },
  'look-choice.own-sample-failed': { en: 'Your photo could not be previewed; the sample picture shows this camera instead.', zh: '无法预览你的照片，改用示例图片展示这台相机。' },
});

// The album and the trash: the grid of shots and the full view of one.
import { defineMessages } from '../define.ts';

export const albumMessages = defineMessages({
  'album.title': { en: 'Album', zh: '相册' },
  'album.trash.title': { en: 'Trash', zh: '回收站' },
  'album.count': { en: '{count, plural, one {# shot} other {# shots}}', zh: '{count, plural, other {# 张}}' },
  'album.count.more': { en: '{count, plural, one {#+ shot} other {#+ shots}}', zh: '{count, plural, other {#+ 张}}' },
  'album.develop': { en: 'Develop photos…', zh: '冲洗照片…' },
  'album.develop.title': { en: 'Develop photos you already have through a camera (D)', zh: '用一台相机冲洗你已有的照片（D）' },
  'album.empty-trash': { en: 'Empty trash', zh: '清空回收站' },
  'album.empty-trash.confirm': { en: 'Delete every shot in the trash for good?', zh: '要永久删除回收站里的所有照片和视频吗？' },
  'album.trash.empty': { en: 'The trash is empty.', zh: '回收站是空的。' },
  'album.empty': { en: 'No shots yet. Press C for the camera, then Space to shoot.', zh: '还没有照片。按 C 打开相机，再按空格拍摄。' },
  'album.drop': { en: 'Drop photos to develop them', zh: '松开即可冲洗这些照片' },
  'album.tile': { en: '{look} · {takenAt, date, medium} {takenAt, time, short}', zh: '{look} · 拍摄于 {takenAt, date, medium} {takenAt, time, short}' },
  'album.tile.alt': { en: '{look}, {takenAt, date, medium} {takenAt, time, short}', zh: '{look}，拍摄于 {takenAt, date, medium} {takenAt, time, short}' },
  'album.recovered': { en: 'Recovered', zh: '已找回' },
});

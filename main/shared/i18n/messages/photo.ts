// The full view of one shot, with its before/after split.
import { defineMessages } from '../define.ts';

export const photoMessages = defineMessages({
  'photo.label': { en: 'Shot', zh: '照片' },
  'photo.taken': { en: '{takenAt, date, medium} {takenAt, time, short}', zh: '拍摄于 {takenAt, date, medium} {takenAt, time, short}' },
  'photo.split': { en: 'Before / after', zh: '冲洗前 / 后' },
  'photo.redevelop': { en: 'Develop again…', zh: '重新冲洗…' },
  'photo.restore': { en: 'Restore', zh: '恢复' },
  'photo.trash': { en: 'Move to trash', zh: '移到回收站' },
  'photo.before': { en: 'Before', zh: '冲洗前' },
  'photo.after': { en: 'After', zh: '冲洗后' },
  'photo.before.alt': { en: '{look}, before developing', zh: '{look}，冲洗前' },
  'photo.after.alt': { en: '{look}, developed', zh: '{look}，冲洗后' },
  'photo.divider': { en: 'Before / after divider (Shift+← →)', zh: '冲洗前后分界线（Shift+← →）' },
});

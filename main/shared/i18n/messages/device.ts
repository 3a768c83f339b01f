// A capture device's own settings (the popover beside the camera picker).
import { defineMessages } from '../define.ts';

export const deviceMessages = defineMessages({
  'device.label': { en: 'Settings for {device}', zh: '{device} 的设置' },
  'device.resolution': { en: 'Resolution', zh: '分辨率' },
  'device.largest': { en: 'Largest', zh: '最大' },
  'device.largest.size': { en: 'Largest ({size})', zh: '最大（{size}）' },
  'device.fps': { en: 'Frame rate', zh: '帧率' },
  'device.fps.value': { en: '{fps} fps', zh: '{fps} 帧/秒' },
  'device.automatic': { en: 'Automatic', zh: '自动' },
  'device.mirror': { en: 'Mirror the viewfinder', zh: '镜像取景器' },
  'device.save': { en: 'How photos are saved', zh: '照片的保存方式' },
  'device.save.as-seen': { en: 'Save as seen (mirrored)', zh: '按所见保存（镜像）' },
  'device.save.true': { en: 'Save true (as the scene is)', zh: '按实景保存（不镜像）' },
  'device.save.note': { en: 'Date stamps and frames are never mirrored.', zh: '日期印记和边框永远不会被镜像。' },
  'device.mic': { en: 'Microphone', zh: '麦克风' },
  'device.mic.none': { en: 'None', zh: '无' },
  'device.locked': { en: 'Settings are locked while recording.', zh: '录制时不能更改设置。' },
});

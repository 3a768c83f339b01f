// Errors of the camera: the viewfinder, stills and recording. (The capture service's own codes join here
// as it moves to the shared error language.)
import { defineErrors } from './define.ts';

export const captureErrors = defineErrors({
  'capture.viewfinder-off': {
    message: { en: 'The camera is off.', zh: '相机已关闭。' },
    action: { en: 'Open the viewfinder and choose a camera first.', zh: '请先打开取景器并选择一台相机。' },
  },
  'capture.recording': {
    message: { en: 'A video is being recorded.', zh: '正在录制视频。' },
    action: { en: 'Stop the recording first.', zh: '请先停止录制。' },
  },
  'capture.not-recording': {
    message: { en: 'Nothing is being recorded.', zh: '当前没有在录制。' },
  },
});

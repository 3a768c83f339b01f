// The camera view: viewfinder, capture controls, the recording size check. (The film cameras' list is in
// looks.ts; key caps are in keys.ts.)
import { defineMessages } from '../define.ts';

export const cameraMessages = defineMessages({
  'camera.device': { en: 'Camera', zh: '摄像头' },
  'camera.device.demo': { en: 'Demo camera (built-in scene)', zh: '演示摄像头（内置场景）' },
  'camera.device.testcard': { en: 'Test card (colour bars and clock)', zh: '测试卡（彩条和时钟）' },
  'camera.viewfinder': { en: 'Viewfinder', zh: '取景器' },
  'camera.this-look': { en: 'this camera', zh: '这台相机' },
  'camera.settings': { en: 'Camera settings', zh: '摄像头设置' },

  'camera.chips': { en: 'Drive settings', zh: '拍摄设置' },
  'camera.chip.timer': { en: 'Timer {seconds} s', zh: '定时 {seconds} 秒' },
  'camera.chip.burst': { en: 'Burst ×{count}', zh: '连拍 ×{count}' },
  'camera.chip.flash': { en: 'Flash', zh: '闪光' },
  'camera.chip.mirrored': { en: 'Mirrored', zh: '已镜像' },

  'camera.mode': { en: 'Photo or video (V)', zh: '照片或视频（V）' },
  'camera.mode.photo': { en: 'Photo', zh: '照片' },
  'camera.mode.video': { en: 'Video', zh: '视频' },
  'camera.shoot': { en: 'Shoot (Space)', zh: '拍摄（空格）' },
  'camera.record': { en: 'Record (Space or R)', zh: '录制（空格或 R）' },
  'camera.record.stop': { en: 'Stop recording (Space or R)', zh: '停止录制（空格或 R）' },
  'camera.timer': { en: 'Timer', zh: '定时' },
  'camera.timer.value': { en: '{seconds, plural, =0 {off} other {# s}}', zh: '{seconds, plural, =0 {关} other {# 秒}}' },
  'camera.timer.label': { en: 'Self-timer: {seconds, plural, =0 {off} other {# s}} (T)', zh: '自拍定时：{seconds, plural, =0 {关} other {# 秒}}（T）' },
  'camera.timer.title': { en: 'Self-timer (T)', zh: '自拍定时（T）' },
  'camera.burst': { en: 'Burst', zh: '连拍' },
  'camera.burst.title': {
    en: 'Burst: {count, plural, one {# shot} other {# shots}}, {seconds} s apart (B)',
    zh: '连拍：{count, plural, other {# 张}}，每张间隔 {seconds} 秒（B）',
  },
  'camera.flash': { en: 'Flash', zh: '闪光' },
  'camera.flash.title': { en: 'Screen flash for low light (F)', zh: '屏幕闪光，用于暗光（F）' },
  'camera.mic.title': { en: 'Microphone (camera settings)', zh: '麦克风（摄像头设置）' },
  'camera.mic.none': { en: 'No microphone', zh: '无麦克风' },
  'camera.mic.demo': { en: 'Demo microphone', zh: '演示麦克风' },
  'camera.mic.demo.long': { en: 'Demo microphone (440 Hz tone)', zh: '演示麦克风（440 Hz 音调）' },
  'camera.mic.file': { en: "The video file's sound", zh: '视频文件自带的声音' },

  'camera.last.open': { en: 'Open the album (A)', zh: '打开相册（A）' },
  'camera.last.photo': { en: 'Last shot', zh: '刚拍的照片' },
  'camera.last.video': { en: 'Last video', zh: '刚录的视频' },
  'camera.hint.shoot': { en: 'Space to shoot', zh: '按空格拍摄' },
  'camera.hint.record': { en: 'Space to record', zh: '按空格录制' },
  'camera.help': { en: 'Keyboard shortcuts (?)', zh: '键盘快捷键（?）' },

  'camera.rec.saving': { en: 'Saving…', zh: '正在保存…' },
  'camera.rec.starting': { en: 'Starting…', zh: '正在启动录制…' },
  'camera.rec.no-sound': { en: 'No sound', zh: '无声音' },
  'camera.rec.level': { en: '{level} dBFS', zh: '电平 {level} dBFS' },
  'camera.rec.stopped': { en: 'The recording stopped.', zh: '录制已停止。' },

  'camera.burst.progress': { en: 'Burst {taken}/{total}', zh: '连拍 {taken}/{total}' },
  'camera.burst.developing': { en: 'Burst {taken}/{total} · developing {developed}/{total}', zh: '连拍 {taken}/{total} · 冲洗中 {developed}/{total}' },
  'camera.burst.stop': { en: 'Stop', zh: '停止' },

  'camera.check.running': { en: 'Checking this computer keeps up…', zh: '正在检测这台电脑能否实时录制…' },
  'camera.check.running.title': {
    en: 'Measured once for this camera, size and film camera, in the background; you can record meanwhile.',
    zh: '针对这个摄像头、尺寸和胶片相机只在后台测一次；测量期间也可以录制。',
  },
  'camera.check.record-anyway-size': { en: 'Record {size} anyway', zh: '仍以 {size} 录制' },
  'camera.check.label': { en: 'Recording size', zh: '录制尺寸' },
  'camera.check.too-slow': { en: 'This computer cannot record {size} in real time with {look}.', zh: '这台电脑无法用 {look} 实时录制 {size} 的视频。' },
  'camera.check.speed': {
    en: 'It developed video at {speed, number, ::.00}× real time and needs to stay ahead of the camera.',
    zh: '这台电脑冲洗视频的速度只有实时的 {speed, number, ::.00} 倍，跟不上摄像头。',
  },
  'camera.check.suggestion': { en: '{size} should be smooth.', zh: '{size} 应该会很流畅。' },
  'camera.check.no-smaller': {
    en: 'There is no smaller size to offer; a lighter film camera or closing other programs helps.',
    zh: '没有更小的尺寸可选了；换一台更轻的胶片相机，或关掉其他程序，会有帮助。',
  },
  'camera.check.record-at': { en: 'Record at {size}', zh: '以 {size} 录制' },

  'camera.status.stopped': { en: 'The camera stopped', zh: '摄像头已停止' },
  'camera.status.or-use': { en: 'or use', zh: '或改用' },
  'camera.status.starting': { en: 'Warming up the camera…', zh: '正在启动摄像头…' },
  'camera.status.looking': { en: 'Looking for cameras…', zh: '正在查找摄像头…' },
  'camera.status.none': { en: 'No camera found. Plug one in; the list refreshes by itself.', zh: '没有找到摄像头。请连接摄像头，列表会自动刷新。' },
  'camera.status.off': { en: 'Camera off', zh: '摄像头已关闭' },
  'camera.gl.no-webgl2': { en: 'WebGL2 is not available; the viewfinder cannot show the look.', zh: 'WebGL2 不可用，取景器无法显示相机效果。' },
  'camera.gl.failed': { en: 'The viewfinder cannot draw on this graphics card: {detail}', zh: '取景器无法在这块显卡上绘制：{detail}' },

  'camera.photo-size': { en: 'Photo {size}', zh: '照片 {size}' },
  'camera.photo-size.framed': { en: 'Photo {size} + frame', zh: '照片 {size} + 边框' },
  'camera.photo-size.title': { en: "Photos are taken at this size (the look's crop; a frame goes around it)", zh: '照片按这个尺寸拍摄（相机的裁切；边框加在外面）' },
  'camera.video-size': { en: 'Video {size}', zh: '视频 {size}' },
  'camera.video-size.title': { en: 'Videos are recorded at this size', zh: '视频按这个尺寸录制' },
  'camera.video-size.title.recording': { en: 'This video is being recorded at this size', zh: '这段视频正按这个尺寸录制' },
  'camera.fps': { en: '{fps} fps', zh: '{fps} 帧/秒' },
});

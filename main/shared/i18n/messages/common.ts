// Words the whole app uses. Areas of the UI keep their messages in a file of their own beside this one.
//
// Glossary: translate these the same way everywhere (the UI descends from a Chinese film-camera app).
//   camera (a film look, as the UI calls it)  相机; 胶片相机 where it must be told apart from the device
//   camera (the capture device, webcam)       摄像头 (the demo camera: 演示摄像头)
//   shoot / shot / photo / video              拍摄 / 照片 (counted 张) / 照片 / 视频 (counted 段)
//   develop / develop again                   冲洗 / 重新冲洗
//   original (the undeveloped photo)          原片;  before / after  冲洗前 / 冲洗后
//   album / trash / restore                   相册 / 回收站 (never 废纸篓) / 恢复
//   viewfinder / shutter / record             取景器 / 快门 / 录制
//   burst / self-timer / flash / grid / mirror   连拍 / 自拍定时 (short: 定时) / 闪光 / 网格 / 镜像
//   colour (look strength) / grain & effects  色彩 / 颗粒与效果
//   frame (a look's print border) / date imprint   边框 / 日期印记
//   LUT / import                              LUT / 导入;  resolution / frame rate  分辨率 / 帧率
//   settings / language                       设置 / 语言
// Punctuation: full-width （），：。 in Chinese; keep key names as keyboards print them (Esc, Delete, Shift),
// except Space, which is 空格. Numbers, sizes (1280×720) and "fps"-style units stay as digits.
import { defineMessages } from '../define.ts';

export const commonMessages = defineMessages({
  'app.name': { en: 'Darkslide', zh: 'Darkslide' },
  'common.cancel': { en: 'Cancel', zh: '取消' },
  'common.close': { en: 'Close', zh: '关闭' },
  'common.retry': { en: 'Try again', zh: '重试' },
  'common.reload': { en: 'Reload', zh: '重新加载' },
  'common.choose-folder': { en: 'Choose a folder…', zh: '选择文件夹…' },
  'common.choose-file': { en: 'Choose a file…', zh: '选择文件…' },
  'common.open-settings': { en: 'Open settings', zh: '打开设置' },
});

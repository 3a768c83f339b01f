// Errors of the privacy service: consent, the guardian's PIN, the switches, erasing and exporting.
import { defineErrors } from './define.ts';

export const privacyErrors = defineErrors({
  'privacy.notice-missing': {
    message: { en: 'The privacy notice "{file}" could not be read.', zh: '无法读取隐私说明“{file}”。' },
    action: { en: 'Install Darkslide again; the notice is part of the app.', zh: '请重新安装 Darkslide；隐私说明是应用的一部分。' },
  },
  'privacy.camera-off': {
    message: { en: 'The camera is switched off in Settings › Privacy.', zh: '摄像头已在“设置 › 隐私”中关闭。' },
    action: { en: 'Turn the camera on there to use the viewfinder.', zh: '请在那里开启摄像头后再使用取景器。' },
    button: 'open-settings',
  },
  'privacy.camera-no-consent': {
    message: { en: 'The camera stays off until you agree to the privacy notice.', zh: '在你同意隐私说明之前，摄像头保持关闭。' },
    action: { en: 'Open Settings › Privacy to read it and answer.', zh: '请打开“设置 › 隐私”阅读并作答。' },
    button: 'open-settings',
  },
  'privacy.pin-required': {
    message: { en: 'This needs the parent’s or guardian’s PIN.', zh: '此操作需要父母或监护人的 PIN 码。' },
  },
  'privacy.wrong-pin': {
    message: { en: 'That PIN is not right.', zh: 'PIN 码不正确。' },
    action: { en: 'Ask the parent or guardian who set it.', zh: '请向设置它的父母或监护人询问。' },
  },
  'privacy.pin-wait': {
    message: { en: 'Too many wrong PINs. Try again in {seconds} s.', zh: 'PIN 码错误次数过多，请在 {seconds} 秒后重试。' },
  },
  'privacy.pin-format': {
    message: { en: 'A PIN is 4 to 12 digits.', zh: 'PIN 码应为 4 到 12 位数字。' },
  },
  'privacy.pin-set': {
    message: { en: 'A guardian’s PIN is already set.', zh: '监护人的 PIN 码已经设置。' },
  },
  'privacy.not-minor': {
    message: { en: 'A guardian’s PIN is only for someone under 18.', zh: '监护人 PIN 码仅适用于未满 18 岁的用户。' },
  },
  'privacy.location-needs-guardian': {
    message: { en: 'Location stays off until a parent or guardian has set their PIN.', zh: '在父母或监护人设置 PIN 码之前，位置保持关闭。' },
    button: 'open-settings',
  },
  'privacy.retention-range': {
    message: { en: '{days} days is not a retention Darkslide can keep: choose 1 to 365 days.', zh: '无法使用 {days} 天作为保存期限：请选择 1 到 365 天。' },
  },
  'privacy.confirm-mismatch': {
    message: { en: 'The confirmation word was not typed as shown, so nothing was erased.', zh: '确认词输入与显示的不一致，因此没有清除任何内容。' },
    action: { en: 'Type the word exactly as shown.', zh: '请严格按显示的内容输入确认词。' },
  },
  'privacy.erase-nothing': {
    message: { en: 'No store was chosen, so nothing was erased.', zh: '未选择任何存储内容，因此没有清除任何内容。' },
    action: { en: 'Choose what to erase in Settings › Privacy.', zh: '请在“设置 › 隐私”中选择要清除的内容。' },
  },
  'privacy.erase-not-alone': {
    message: { en: '“{store}” cannot be erased on its own: it goes with the whole library.', zh: '“{store}”无法单独清除：它只能与整个相册一起清除。' },
    action: { en: 'Use “Erase everything” to remove the library.', zh: '如需删除相册，请使用“清除全部”。' },
  },
  'privacy.export-running': {
    message: { en: 'A data export is already being written.', zh: '已有一个数据导出正在写入。' },
    action: { en: 'Wait for it to finish, or cancel it.', zh: '请等待它完成，或取消它。' },
  },
  'privacy.export-cancelled': {
    message: { en: 'The data export was cancelled; no file was left behind.', zh: '数据导出已取消，没有留下任何文件。' },
  },
  'privacy.still-there': {
    message: { en: '"{path}" is still there after it was removed.', zh: '“{path}”删除后仍然存在。' },
    action: { en: 'Close any program that has it open, then erase again, or remove it yourself.', zh: '请关闭正在使用它的程序后再次清除，或自行删除。' },
  },
  'privacy.location-rows-left': {
    message: {
      en: '{count} catalog entries in “{file}” still hold a location after erasing.',
      zh: '清除后，“{file}”中仍有 {count} 条目录记录包含位置。',
    },
    action: { en: 'Close other Darkslide windows and commands, then erase personal data again.', zh: '请关闭其他 Darkslide 窗口和命令，然后再次清除个人数据。' },
  },
  'privacy.export-name': {
    message: { en: 'The folder “{folder}” already holds too many data exports of today.', zh: '文件夹“{folder}”中已有太多今天的数据导出。' },
    action: { en: 'Choose another folder.', zh: '请选择其他文件夹。' },
    button: 'choose-folder',
  },
});

// Words the whole app uses. Areas of the UI keep their messages in a file of their own beside this one.
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
  'settings.language': { en: 'Language', zh: '语言' },
  'settings.language.system': { en: 'As the system ({language})', zh: '跟随系统（{language}）' },
});

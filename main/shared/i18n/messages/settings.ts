// The settings view and its sections. A new section adds its messages here (or in a file of its own
// listed in catalog.ts) under `settings.<section>.`.
import { defineMessages } from '../define.ts';

export const settingsMessages = defineMessages({
  'settings.title': { en: 'Settings', zh: '设置' },
  'settings.sections': { en: 'Sections', zh: '分类' },
  'settings.language': { en: 'Language', zh: '语言' },
  'settings.language.intro': {
    en: 'The language of menus, buttons and messages. Camera names stay as they are.',
    zh: '菜单、按钮和提示所用的语言。相机名称保持原样。',
  },
  'settings.language.system': { en: 'As the system ({language})', zh: '跟随系统（{language}）' },
  'settings.keyboard': { en: 'Keyboard', zh: '键盘' },
  'settings.keyboard.intro': {
    en: 'Single-key shortcuts (letters, digits and signs such as A, G or ?) are quick, but speech input can set them off by accident. Space, Enter, Esc, the arrows and Delete always work.',
    zh: '单键快捷键（字母、数字和 A、G、? 等符号）很快捷，但语音输入可能会误触发它们。空格、回车、Esc、方向键和 Delete 始终可用。',
  },
  'settings.keyboard.letters': { en: 'Single-key shortcuts', zh: '单键快捷键' },
  // Each language is named in itself, as language pickers do, so a person can find their own.
  'language.en': { en: 'English', zh: 'English' },
  'language.zh-CN': { en: '简体中文', zh: '简体中文' },
});

// Words of the desktop shell itself (main/electron): its menu and the box shown when the app cannot start.
// Electron's menu roles label themselves in English only, so every item the shell shows is labelled here.
import { defineMessages } from '../define.ts';

export const shellMessages = defineMessages({
  'shell.startup-failed': { en: 'Darkslide could not start', zh: 'Darkslide 无法启动' },
  'shell.menu.about': { en: 'About Darkslide', zh: '关于 Darkslide' },
  'shell.menu.hide': { en: 'Hide Darkslide', zh: '隐藏 Darkslide' },
  'shell.menu.hide-others': { en: 'Hide Others', zh: '隐藏其他' },
  'shell.menu.show-all': { en: 'Show All', zh: '全部显示' },
  'shell.menu.quit': { en: 'Quit Darkslide', zh: '退出 Darkslide' },
  'shell.menu.file': { en: 'File', zh: '文件' },
  'shell.menu.close-window': { en: 'Close Window', zh: '关闭窗口' },
  'shell.menu.edit': { en: 'Edit', zh: '编辑' },
  'shell.menu.undo': { en: 'Undo', zh: '撤销' },
  'shell.menu.redo': { en: 'Redo', zh: '重做' },
  'shell.menu.cut': { en: 'Cut', zh: '剪切' },
  'shell.menu.copy': { en: 'Copy', zh: '复制' },
  'shell.menu.paste': { en: 'Paste', zh: '粘贴' },
  'shell.menu.select-all': { en: 'Select All', zh: '全选' },
  'shell.menu.view': { en: 'View', zh: '视图' },
  'shell.menu.full-screen': { en: 'Toggle Full Screen', zh: '切换全屏' },
  'shell.menu.reload': { en: 'Reload', zh: '重新加载' },
  'shell.menu.devtools': { en: 'Toggle Developer Tools', zh: '切换开发者工具' },
  'shell.menu.window': { en: 'Window', zh: '窗口' },
  'shell.menu.minimize': { en: 'Minimize', zh: '最小化' },
  'shell.menu.zoom': { en: 'Zoom', zh: '缩放' },
  'shell.menu.front': { en: 'Bring All to Front', zh: '全部置于顶层' },
});

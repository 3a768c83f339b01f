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
  'settings.general': { en: 'General', zh: '常规' },
  'settings.general.intro': { en: 'The short introduction from the first launch: what the cameras are, how to shoot, where photos go.', zh: '首次启动时的简介：相机是什么、怎样拍摄、照片存在哪里。' },
  'settings.keyboard': { en: 'Keyboard', zh: '键盘' },
  'settings.keyboard.intro': {
    en: 'Single-key shortcuts (letters, digits and signs such as A, G or ?) are quick, but speech input can set them off by accident. Space, Enter, Esc, the arrows and Delete always work.',
    zh: '单键快捷键（字母、数字和 A、G、? 等符号）很快捷，但语音输入可能会误触发它们。空格、回车、Esc、方向键和 Delete 始终可用。',
  },
  'settings.keyboard.letters': { en: 'Single-key shortcuts', zh: '单键快捷键' },
  'settings.library': { en: 'Library', zh: '相册' },
  'settings.library.intro': {
    en: 'Where your photos and videos are kept, with the album catalog, thumbnails and imported cameras.',
    zh: '你的照片和视频的存放位置，以及相册目录、缩略图和导入的相机。',
  },
  'settings.library.folder': { en: 'Folder', zh: '文件夹' },
  'settings.library.default': { en: '(the default place)', zh: '（默认位置）' },
  'settings.library.size': { en: 'Size', zh: '大小' },
  'settings.library.items': {
    en: '{size} · {items, plural, one {# photo or video} other {# photos and videos}}{trashed, plural, =0 {} other {, # in the trash}}',
    zh: '{size} · {items, plural, other {# 张照片和视频}}{trashed, plural, =0 {} other {，回收站中 # 个}}',
  },
  'settings.library.choose': { en: 'Choose…', zh: '选择…' },
  'settings.library.choose.title': { en: 'Use another Darkslide library, or start a new one in an empty folder', zh: '使用另一个 Darkslide 相册，或在空文件夹中新建相册' },
  'settings.library.move': { en: 'Move…', zh: '移动…' },
  'settings.library.move.title': { en: 'Move the whole library to an empty folder, on this drive or another', zh: '把整个相册移动到一个空文件夹（本磁盘或其他磁盘）' },
  'settings.library.no-picker': { en: 'Folders can be chosen in the desktop app.', zh: '可以在桌面应用中选择文件夹。' },
  'settings.library.stage': {
    en: '{stage, select, copying {Copying} verifying {Checking the copy} switching {Switching to the new folder} other {Removing the old library}}',
    zh: '{stage, select, copying {正在复制} verifying {正在检查副本} switching {正在切换到新文件夹} other {正在删除旧相册}}',
  },
  'settings.library.moving-to': { en: 'Moving the library to {folder}', zh: '正在把相册移动到 {folder}' },
  'settings.library.progress': { en: '{done} of {total}', zh: '已完成 {done}，共 {total}' },
  'settings.library.progress.label': { en: 'Moving the library', zh: '正在移动相册' },
  'settings.library.cancel': { en: 'Cancel move', zh: '取消移动' },
  'settings.library.moved': { en: 'The library is now in {folder}; the old copy was removed.', zh: '相册现在位于 {folder}，旧的副本已删除。' },
  'settings.library.chosen': { en: 'Darkslide now uses the library in {folder}.', zh: 'Darkslide 现在使用 {folder} 中的相册。' },
  'settings.library.while-moving': { en: 'Until the move is done, shots and changes wait; the album can still be viewed.', zh: '移动完成之前，拍摄和更改需要等待；仍可浏览相册。' },
  'settings.cameras': { en: 'Cameras', zh: '相机' },
  'settings.cameras.intro': {
    en: 'Cameras you imported from LUT files. Renaming keeps every shot made with one as it is; deleting takes it off the list, and its shots can still be developed again.',
    zh: '你从 LUT 文件导入的相机。重命名不会改变用它拍摄的照片；删除后它会从列表中移除，用它拍摄的照片仍可重新冲洗。',
  },
  'settings.cameras.none': { en: 'No imported cameras yet. Import a LUT from the camera strip.', zh: '还没有导入的相机。可以在相机栏中导入 LUT。' },
  'settings.cameras.rename': { en: 'Rename', zh: '重命名' },
  'settings.cameras.name': { en: 'Name of {name}', zh: '{name} 的名称' },
  'settings.cameras.save': { en: 'Save', zh: '保存' },
  'settings.cameras.cancel': { en: 'Cancel', zh: '取消' },
  'settings.cameras.delete': { en: 'Delete', zh: '删除' },
  'settings.cameras.confirm': {
    en: 'Delete “{name}”? {shots, plural, =0 {No shots were developed with it.} one {# shot was developed with it: it keeps its recipe and can still be developed again.} other {# shots were developed with it: they keep their recipe and can still be developed again.}}',
    zh: '删除“{name}”？{shots, plural, =0 {没有用它冲洗的照片。} other {有 # 张照片用它冲洗过：它们保留冲洗配方，仍可重新冲洗。}}',
  },
  'settings.cameras.confirm.delete': { en: 'Delete camera', zh: '删除相机' },
  'settings.cameras.keep': { en: 'Keep', zh: '保留' },
  'looks.menu': { en: 'Camera actions', zh: '相机操作' },
  'looks.menu.rename': { en: 'Rename…', zh: '重命名…' },
  'looks.menu.delete': { en: 'Delete…', zh: '删除…' },
  'error.open-library-settings': { en: 'Open Settings → Library', zh: '打开“设置 → 相册”' },
  // Each language is named in itself, as language pickers do, so a person can find their own.
  'language.en': { en: 'English', zh: 'English' },
  'language.zh-CN': { en: '简体中文', zh: '简体中文' },
});

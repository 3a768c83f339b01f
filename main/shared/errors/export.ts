// Exporting album items to a folder (main/export, the export job, `darkslide export`). A folder that cannot be
// written, a full disk or a missing source speak the file.* errors, naming the file the person knows.
import { defineErrors } from './define.ts';

export const exportErrors = defineErrors({
  'export.template-field': {
    message: { en: 'The file name has "{field}", which is not something Darkslide can fill in.', zh: '文件名中的“{field}”不是 Darkslide 能填写的内容。' },
    action: { en: 'Use only {fields}, and any text around them.', zh: '只能使用 {fields}，以及它们周围的任意文字。' },
  },
  'export.template-brace': {
    message: { en: 'The file name "{template}" has a brace without its pair.', zh: '文件名“{template}”中有一个不成对的花括号。' },
    action: { en: 'Close the brace, or remove it.', zh: '请补全或删除这个花括号。' },
  },
  'export.template-empty': {
    message: { en: 'The file name is empty.', zh: '文件名为空。' },
    action: { en: 'Type a name, for example {example}.', zh: '请输入一个名称，例如 {example}。' },
  },
  'export.template-too-long': {
    message: { en: 'The file name is longer than {max} characters.', zh: '文件名超过了 {max} 个字符。' },
    action: { en: 'Shorten it.', zh: '请缩短它。' },
  },
  'export.metadata-leak': {
    message: {
      en: '"{file}" was not exported: reading it back found {tags}, which the chosen metadata setting does not allow.',
      zh: '“{file}”未导出：回读时发现了{tags}，这不符合所选的元数据设置。',
    },
    action: { en: 'Nothing was left in the folder. Please report this as a bug; choose "Nothing personal" to export meanwhile.', zh: '文件夹中没有留下任何文件。请将此问题作为错误报告；在此期间可以选择“不含个人信息”来导出。' },
  },
  'export.unreadable': {
    message: { en: 'Could not read "{file}" to export it ({detail}).', zh: '无法读取“{file}”以导出（{detail}）。' },
    action: { en: 'The file may be damaged or in a format Darkslide cannot open; the other files were exported.', zh: '该文件可能已损坏，或是 Darkslide 无法打开的格式；其他文件已导出。' },
  },
  'export.video-failed': {
    message: { en: 'Could not export the video "{file}" ({detail}).', zh: '无法导出视频“{file}”（{detail}）。' },
    action: { en: 'Check that the video plays; the other files were exported.', zh: '请确认该视频可以播放；其他文件已导出。' },
  },
  'export.no-free-name': {
    message: { en: 'Every name from "{file}" to "{last}" is taken in the folder.', zh: '文件夹中从“{file}”到“{last}”的名称都已被占用。' },
    action: { en: 'Choose another folder or another file name.', zh: '请选择其他文件夹或其他文件名。' },
  },
  'export.no-picker': {
    message: { en: 'Exporting needs a folder chosen in Darkslide’s own window, which this browser page cannot open.', zh: '导出需要在 Darkslide 自己的窗口中选择文件夹，而此浏览器页面无法打开该窗口。' },
    action: { en: 'Export from the Darkslide app, or use `darkslide export` on the command line.', zh: '请在 Darkslide 应用中导出，或在命令行中使用 `darkslide export`。' },
  },
});

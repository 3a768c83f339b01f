// Errors about files and folders the user named or Darkslide writes: each names the file, says what
// happened in words, and what to do. Services map Node's error codes here (one helper per service side);
// the UI and the CLI show the same sentences.
import { defineErrors } from './define.ts';

export const fileErrors = defineErrors({
  'file.not-found': {
    message: { en: '"{file}" does not exist.', zh: '“{file}”不存在。' },
    action: { en: 'Check the name and the folder, or choose the file again.', zh: '请检查文件名和文件夹，或重新选择文件。' },
    button: 'choose-file',
  },
  'file.disk-full': {
    message: { en: 'The disk is full: "{file}" could not be written.', zh: '磁盘已满，无法写入“{file}”。' },
    action: { en: 'Free some space or choose a folder on another disk, then try again.', zh: '请释放一些空间，或选择其他磁盘上的文件夹，然后重试。' },
    button: 'choose-folder',
  },
  'file.no-permission': {
    message: { en: 'Darkslide is not allowed to {access, select, read {read} other {write}} "{file}".', zh: 'Darkslide 没有权限{access, select, read {读取} other {写入}}“{file}”。' },
    action: { en: 'Choose a folder you own, or change the folder’s permissions.', zh: '请选择你拥有的文件夹，或修改该文件夹的权限。' },
    button: 'choose-folder',
  },
  'file.read-only': {
    message: { en: '"{file}" is on a read-only disk.', zh: '“{file}”位于只读磁盘上。' },
    action: { en: 'Choose a folder on a disk Darkslide can write to.', zh: '请选择 Darkslide 可以写入的磁盘上的文件夹。' },
    button: 'choose-folder',
  },
  'file.is-folder': {
    message: { en: '"{file}" is a folder, not a file.', zh: '“{file}”是文件夹，不是文件。' },
    action: { en: 'Choose a file inside it, or another name.', zh: '请选择其中的文件，或换一个名称。' },
  },
  'file.not-a-folder': {
    message: { en: '"{file}" is a file, so nothing can be put inside it.', zh: '“{file}”是一个文件，无法在其中存放内容。' },
    action: { en: 'Choose a folder instead.', zh: '请改为选择一个文件夹。' },
    button: 'choose-folder',
  },
  'file.name-too-long': {
    message: { en: 'The name "{file}" is too long for this disk.', zh: '名称“{file}”对此磁盘来说太长了。' },
    action: { en: 'Rename it with a shorter name, or choose a folder with a shorter path.', zh: '请改用较短的名称，或选择路径更短的文件夹。' },
  },
  'file.exists': {
    message: { en: '"{file}" already exists and was left as it is.', zh: '“{file}”已存在，已保持原样。' },
    action: { en: 'Choose another name or folder.', zh: '请选择其他名称或文件夹。' },
  },
  'file.empty': {
    message: { en: '"{file}" is empty (0 bytes).', zh: '“{file}”是空文件（0 字节）。' },
    action: { en: 'The copy may have failed: copy the file again from where it came from.', zh: '可能复制失败了，请从原处重新复制该文件。' },
  },
  'file.too-many-open': {
    message: { en: 'Too many files are open to read "{file}".', zh: '打开的文件过多，无法读取“{file}”。' },
    action: { en: 'Close other programs, then try again.', zh: '请关闭其他程序后重试。' },
    button: 'retry',
  },
  'file.io': {
    message: { en: 'The disk could not {access, select, read {read} other {write}} "{file}" ({detail}).', zh: '磁盘无法{access, select, read {读取} other {写入}}“{file}”（{detail}）。' },
    action: { en: 'Check the disk or cable, then try again.', zh: '请检查磁盘或数据线，然后重试。' },
    button: 'retry',
  },
  'file.too-large-for-disk': {
    message: { en: '"{file}" is larger than one file on this disk may be.', zh: '“{file}”超出了此磁盘允许的单个文件大小。' },
    action: { en: 'Choose a folder on another disk (FAT32 disks hold at most 4 GB a file).', zh: '请选择其他磁盘上的文件夹（FAT32 磁盘的单个文件最大 4 GB）。' },
    button: 'choose-folder',
  },
  'file.bad-name': {
    message: { en: 'The name "{file}" contains a character no file name can hold.', zh: '名称“{file}”中含有文件名不能使用的字符。' },
    action: { en: 'Rename the file, then choose it again.', zh: '请重命名该文件，然后重新选择。' },
  },
  'file.busy': {
    message: { en: '"{file}" is in use by another program.', zh: '“{file}”正被其他程序占用。' },
    action: { en: 'Close it there, then try again.', zh: '请在该程序中关闭它，然后重试。' },
    button: 'retry',
  },
  'file.changed': {
    message: { en: '"{file}" changed or went away while Darkslide was reading it.', zh: '读取过程中，“{file}”被修改或被移走了。' },
    action: { en: 'Choose it again.', zh: '请重新选择该文件。' },
    button: 'choose-file',
  },
  'file.handle-unknown': {
    message: { en: 'That file is no longer open in Darkslide.', zh: '该文件已不在 Darkslide 中打开。' },
    action: { en: 'Choose the file again.', zh: '请重新选择该文件。' },
    button: 'choose-file',
  },
  'file.handle-wrong-kind': {
    message: { en: '"{file}" is {kind, select, folder {a folder} other {a file}}, and this needs {wanted, select, folder {a folder} other {a file}}.', zh: '“{file}”是{kind, select, folder {文件夹} other {文件}}，而这里需要{wanted, select, folder {文件夹} other {文件}}。' },
    action: { en: 'Choose again.', zh: '请重新选择。' },
    button: 'choose-file',
  },
  'file.read-only-choice': {
    message: { en: 'Darkslide may only read "{file}": it was chosen to be opened, not saved to.', zh: '“{file}”是作为打开对象选择的，Darkslide 只能读取，不能写入。' },
    action: { en: 'Choose where to save it.', zh: '请选择保存位置。' },
    button: 'choose-folder',
  },
  'file.upload-unknown': {
    message: { en: 'A file’s copy into Darkslide was interrupted.', zh: '文件复制到 Darkslide 的过程被中断了。' },
    action: { en: 'Add the file again.', zh: '请重新添加该文件。' },
    button: 'retry',
  },
  'file.upload-out-of-order': {
    message: { en: 'The copy of "{file}" into Darkslide lost a piece (expected byte {expected}, got {offset}).', zh: '将“{file}”复制到 Darkslide 时丢失了一部分数据（应从第 {expected} 字节开始，实际为 {offset}）。' },
    action: { en: 'Add the file again.', zh: '请重新添加该文件。' },
    button: 'retry',
  },
  'file.upload-size': {
    message: { en: 'The copy of "{file}" into Darkslide has {received} bytes, but the file has {bytes}.', zh: '复制到 Darkslide 的“{file}”有 {received} 字节，但原文件有 {bytes} 字节。' },
    action: { en: 'The file may have changed meanwhile: add it again.', zh: '文件可能在此期间被修改过，请重新添加。' },
    button: 'retry',
  },
  'file.upload-too-many': {
    message: { en: 'Too many files are being copied into Darkslide at once ({count}).', zh: '同时复制到 Darkslide 的文件太多（{count} 个）。' },
    action: { en: 'Wait for the others to finish, then try again.', zh: '请等其他文件完成后再试。' },
    button: 'retry',
  },
  'file.no-picker': {
    message: { en: 'This window cannot show a file chooser of its own.', zh: '此窗口无法显示自己的文件选择器。' },
    action: { en: 'Drop the files on the window instead.', zh: '请改为把文件拖放到窗口中。' },
  },
});

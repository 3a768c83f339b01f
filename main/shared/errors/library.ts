// Errors of the library: the catalog, its folders and the files it keeps. (Files the user names map to the file.*
// codes; a missing item is album.item-not-found.)
import { defineErrors } from './define.ts';

export const libraryErrors = defineErrors({
  'library.invalid-input': {
    message: { en: 'The library was given an invalid "{field}": it {problem}.', zh: '相册收到了无效的“{field}”：它{problem}。' },
    action: { en: 'Please report this with the steps that led to it.', zh: '请把出现问题前的操作步骤一并报告给我们。' },
  },
  'library.invalid-cursor': {
    message: { en: 'The album page marker "{cursor}" is not one the album gave out.', zh: '相册分页标记“{cursor}”不是相册给出的。' },
    action: { en: 'Reload the album from the top.', zh: '请从顶部重新加载相册。' },
    button: 'reload',
  },
  'library.folder-not-writable': {
    message: {
      en: 'Darkslide cannot write to its {which, select, library {library folder} other {data folder}} "{folder}" ({detail}).',
      zh: 'Darkslide 无法写入它的{which, select, library {相册文件夹} other {数据文件夹}}“{folder}”（{detail}）。',
    },
    action: {
      en: 'Make the folder writable, or choose another one in Settings → Library (or set {env}).',
      zh: '请让该文件夹可写，或在“设置 → 相册”中选择其他文件夹（也可以设置 {env}）。',
    },
    button: 'choose-folder',
  },
  'library.not-a-library': {
    message: { en: '"{folder}" holds other files and is not a Darkslide library.', zh: '“{folder}”中有其他文件，且不是 Darkslide 相册。' },
    action: {
      en: 'Choose a folder that holds a Darkslide library, or an empty folder for a new library; to take this library there, use Move.',
      zh: '请选择一个包含 Darkslide 相册的文件夹，或一个空文件夹来新建相册；如要把当前相册搬过去，请使用“移动”。',
    },
    button: 'choose-folder',
  },
  'library.move-inside': {
    message: { en: 'The library cannot move to "{folder}": that folder is inside the library ("{library}").', zh: '相册无法移动到“{folder}”：该文件夹位于相册（“{library}”）之内。' },
    action: { en: 'Choose a folder outside "{library}".', zh: '请选择“{library}”之外的文件夹。' },
    button: 'choose-folder',
  },
  'library.destination-is-library': {
    message: { en: '"{folder}" already holds a Darkslide library, so the library was not moved there.', zh: '“{folder}”中已有一个 Darkslide 相册，因此没有把相册移动到那里。' },
    action: { en: 'To use that library, pick it with Choose; to move this one, pick an empty folder.', zh: '如要使用那个相册，请用“选择”打开它；如要移动当前相册，请选择一个空文件夹。' },
    button: 'choose-folder',
  },
  'library.destination-not-empty': {
    message: { en: '"{folder}" is not empty, so the library was not moved there.', zh: '“{folder}”不是空的，因此没有把相册移动到那里。' },
    action: { en: 'Choose an empty folder, or make a new one in the picker.', zh: '请选择一个空文件夹，或在选择窗口中新建一个。' },
    button: 'choose-folder',
  },
  'library.destination-not-writable': {
    message: { en: 'Darkslide cannot write to "{folder}" ({detail}), so the library was not moved there.', zh: 'Darkslide 无法写入“{folder}”（{detail}），因此没有把相册移动到那里。' },
    action: { en: 'Choose a folder you can write to, or change that folder\'s permissions.', zh: '请选择一个你可以写入的文件夹，或更改该文件夹的权限。' },
    button: 'choose-folder',
  },
  'library.destination-full': {
    message: { en: '"{folder}" has {free} free, and the library needs {needed}: it was not moved there.', zh: '“{folder}”只剩 {free} 可用空间，而相册需要 {needed}，因此没有移动。' },
    action: { en: 'Free some space on that drive, or choose a folder on another drive.', zh: '请在该磁盘上腾出空间，或选择另一个磁盘上的文件夹。' },
    button: 'choose-folder',
  },
  'library.busy': {
    message: {
      en: 'The library cannot {action, select, move {move} other {change}} while {what, select, job {a job is running} recording {a video is recording} elsewhere {another Darkslide process (the command line?) has it open} other {it is being moved}}.',
      zh: '{what, select, job {有任务正在运行} recording {正在录制视频} elsewhere {另一个 Darkslide 进程（命令行？）正在使用它} other {相册正在移动}}，此时不能{action, select, move {移动} other {更换}}相册。',
    },
    action: { en: 'Wait for it to finish (or cancel it), then try again.', zh: '请等它完成（或取消它），然后重试。' },
    button: 'retry',
  },
  'library.moving': {
    message: { en: 'The library is being moved, so nothing can be added or changed until the move is done.', zh: '相册正在移动，移动完成前不能添加或更改任何内容。' },
    action: { en: 'Wait for the move to finish, or cancel it in Settings → Library.', zh: '请等待移动完成，或在“设置 → 相册”中取消。' },
    button: 'open-settings',
  },
  'library.move-cancelled': {
    message: { en: 'The move was cancelled: the library stays in "{folder}", and the copy was removed.', zh: '移动已取消：相册仍在“{folder}”，副本已删除。' },
  },
  'library.move-verify-failed': {
    message: { en: 'The copy of "{file}" in "{folder}" does not match the original ({detail}), so the library was not moved.', zh: '“{folder}”中“{file}”的副本与原件不一致（{detail}），因此没有移动相册。' },
    action: { en: 'Check that drive, then try again or choose another folder.', zh: '请检查该磁盘，然后重试或选择其他文件夹。' },
    button: 'choose-folder',
  },
  'library.in-use-by-old-version': {
    message: {
      en: 'An older Darkslide (process {pid}) has the library open for itself alone (lock file "{file}").',
      zh: '一个旧版 Darkslide（进程 {pid}）独占打开了相册（锁文件“{file}”）。',
    },
    action: { en: 'Quit the older Darkslide, then try again.', zh: '请退出旧版 Darkslide，然后重试。' },
    button: 'retry',
  },
  'library.catalog-unreadable': {
    message: { en: 'The album catalog "{file}" cannot be opened: {detail}.', zh: '无法打开相册目录文件“{file}”：{detail}。' },
    action: {
      en: 'Move the file aside to start a fresh catalog; the photos in "{folder}" are kept and added back.',
      zh: '请把该文件移到别处以新建目录；“{folder}”中的照片会保留并重新加入。',
    },
  },
  'library.catalog-too-new': {
    message: {
      en: 'The album catalog "{file}" was written by a newer Darkslide (version {version}; this one knows up to {latest}).',
      zh: '相册目录文件“{file}”由更新版本的 Darkslide 写入（版本 {version}，当前版本最高支持 {latest}）。',
    },
    action: { en: 'Update Darkslide, or choose another data folder.', zh: '请更新 Darkslide，或选择其他数据文件夹。' },
  },
  'library.migration-failed': {
    message: {
      en: 'The album catalog "{file}" could not be upgraded to version {version} ({name}): {detail}. It was left at version {left}.',
      zh: '相册目录文件“{file}”无法升级到版本 {version}（{name}）：{detail}。它仍保持在版本 {left}。',
    },
    action: { en: 'Restore a backup of the catalog, or report this.', zh: '请恢复目录文件的备份，或报告此问题。' },
  },
  'library.catalog-busy': {
    message: {
      en: 'The album catalog in "{folder}" stayed locked by another Darkslide for {seconds} s.',
      zh: '“{folder}”中的相册目录被另一个 Darkslide 锁定了 {seconds} 秒。',
    },
    action: { en: 'Try again; if it keeps happening, quit the other Darkslide window or command.', zh: '请重试；如果一直出现，请关闭另一个 Darkslide 窗口或命令。' },
    button: 'retry',
  },
  'library.closed': {
    message: { en: 'The album was closed.', zh: '相册已关闭。' },
    action: { en: 'Open it again.', zh: '请重新打开相册。' },
    button: 'reload',
  },
  'library.prepare-failed': {
    message: { en: 'Preparing the photo before saving it failed ({detail}). Nothing was saved.', zh: '保存前处理照片失败（{detail}），未保存任何内容。' },
    button: 'retry',
  },
  'library.name-taken': {
    message: { en: '"{name}" cannot be put back: another file now has its name ("{file}").', zh: '无法放回“{name}”：另一个文件现在占用了它的名称（“{file}”）。' },
    action: { en: 'Move or rename that file, then try again.', zh: '请移动或重命名那个文件，然后重试。' },
    button: 'retry',
  },
  'library.outside': {
    message: { en: 'The album entry for "{name}" points outside the library ("{file}"), so it was not opened.', zh: '“{name}”的相册条目指向相册文件夹之外（“{file}”），因此未打开。' },
  },
  'library.file-missing': {
    message: { en: '"{file}" is missing from the library folder.', zh: '相册文件夹中缺少“{file}”。' },
    action: { en: 'It may have been moved or deleted outside Darkslide: put it back, or move the item to the trash.', zh: '它可能在 Darkslide 之外被移动或删除了：请把它放回原处，或将该项目移到回收站。' },
  },
  'library.ffmpeg-missing': {
    message: { en: 'ffmpeg could not be run ("{program}") to make the poster of "{file}".', zh: '无法运行 ffmpeg（“{program}”）来生成“{file}”的封面。' },
    action: { en: 'Install ffmpeg, or set DARKSLIDE_FFMPEG to its path.', zh: '请安装 ffmpeg，或将 DARKSLIDE_FFMPEG 设置为它的路径。' },
  },
  'library.already-developed': {
    message: { en: 'This photo was already developed with the same camera and settings.', zh: '这张照片已经用相同的相机和设置冲洗过了。' },
  },
  'library.already-imported': {
    message: { en: '"{file}" is already in the album.', zh: '“{file}”已经在相册中。' },
  },
  'library.thumbnail-failed': {
    message: { en: 'No thumbnail could be made of "{file}": {detail}.', zh: '无法为“{file}”生成缩略图：{detail}。' },
  },
});

// Words of the command line (main/cli): its usage text, result lines, progress and warnings. The person's
// language comes from LC_ALL / LC_MESSAGES / LANG (main/cli/locale.ts). What a script reads stays as it is:
// command and flag names, placeholders such as <id> or DIR (passed in as values: FormatJS would read "<id>" as
// a tag), and everything under --json. A description in the usage text wraps with \n where the column ends
// (about 48 columns; a Chinese character takes two).
import { defineMessages } from '../define.ts';

export const cliMessages = defineMessages({
  // The usage text
  'cli.usage.title': { en: 'darkslide {version}: a film camera for your desktop', zh: 'darkslide {version}：桌面上的胶片相机' },
  'cli.usage.heading': { en: 'Usage:', zh: '用法：' },
  'cli.usage.devices-note': {
    en: 'Devices: "demo" (built in), "{file}" (a video played as a camera), and your webcams.',
    zh: '设备：“demo”（内置的演示摄像头）、“{file}”（把视频当作摄像头播放），以及你的摄像头。',
  },
  'cli.usage.library-note': {
    en: '--library defaults to the app’s own library, so the CLI and the app share one album.',
    zh: '--library 默认使用应用自己的图库，因此命令行和应用共用一个相册。',
  },
  'cli.usage.devices': { en: 'list cameras and microphones', zh: '列出摄像头和麦克风' },
  'cli.usage.looks': { en: 'list the film cameras (looks)', zh: '列出胶片相机（风格）' },
  'cli.usage.looks-export': { en: 'write a camera’s colour as a .cube LUT', zh: '把相机的色彩写成 .cube LUT' },
  'cli.usage.looks-import': { en: 'add a .cube/.3dl/HaldCLUT as a new camera', zh: '把 .cube/.3dl/HaldCLUT 添加为新相机' },
  'cli.usage.shoot': {
    en: 'take photos into the album; with a half-frame camera\n(twin-half) each photo is two frames taken one after\nthe other, side by side on one print (--burst N: N prints)',
    zh: '拍摄照片到相册；使用半格相机（twin-half）时，\n每张照片是先后拍下的两格画面，并排印在一张\n照片上（--burst N：N 张照片）',
  },
  'cli.usage.record': { en: 'record a video with the look', zh: '用该相机录制视频' },
  'cli.usage.library': { en: 'list the album, newest first', zh: '列出相册内容，最新的在前' },
  'cli.usage.develop-folder': { en: 'develop existing photos through a film camera into a folder', zh: '用胶片相机冲洗已有照片，保存到文件夹' },
  'cli.usage.develop-album': {
    en: 'develop them into the album (a job: Ctrl-C pauses, the same\ncommand continues; what was developed before is skipped)',
    zh: '冲洗到相册（作为任务：Ctrl-C 暂停，再次运行同一\n命令即可继续；之前冲洗过的会跳过）',
  },
  'cli.usage.import': {
    en: 'add photos (JPEG, PNG, TIFF, WebP, AVIF, HEIC, GIF) and videos\n(MP4, MOV) to the album, folders recursively: originals kept\nuntouched, photos developed through the camera (default\n{look}); what is already there is skipped',
    zh: '把照片（JPEG、PNG、TIFF、WebP、AVIF、HEIC、GIF）和\n视频（MP4、MOV）添加到相册，文件夹会逐层查找：原片\n保持不动，照片用相机冲洗（默认 {look}）；\n相册中已有的会跳过',
  },
  'cli.usage.export': {
    en: 'export album items to a folder (a job: Ctrl-C pauses, the same\ncommand continues); every file is read back and checked.\n--name: {fields} (default {template});\n--metadata: keep everything, everything but location (default),\nlocation rounded to ~1 km, or nothing personal',
    zh: '把相册内容导出到文件夹（作为任务：Ctrl-C 暂停，再次\n运行同一命令即可继续）；每个文件都会读回检查。\n--name：{fields}（默认 {template}）；\n--metadata：全部保留、保留位置以外的全部（默认）、\n位置精确到约 1 公里，或不含任何个人信息',
  },
  'cli.usage.geotag': {
    en: 'give photos and videos the positions of a GPX/KML/Google track\n(files outside the album in place; --backup keeps {backup})',
    zh: '按 GPX/KML/Google 轨迹为照片和视频写入位置\n（相册外的文件就地修改；--backup 保留 {backup}）',
  },
  'cli.usage.geotag-undo': { en: 'put back the location tags a geotag run replaced', zh: '恢复某次 geotag 替换掉的位置标签' },
  'cli.usage.location': { en: 'the place new photos and videos get (off by default)', zh: '新照片和视频使用的位置（默认关闭）' },

  // Mistakes in the command line
  'cli.unknown-command': { en: 'Unknown command "{command}".', zh: '未知命令“{command}”。' },
  'cli.unknown-option': { en: 'Unknown option "{option}".', zh: '未知选项“{option}”。' },
  'cli.bad-arguments': { en: 'The command line could not be read: {detail}', zh: '无法读取命令行：{detail}' },
  'cli.needs': { en: '{command} needs {what}.', zh: '{command} 需要 {what}。' },
  'cli.needs-see': { en: '{command} needs {what} (see {see}).', zh: '{command} 需要 {what}（参见 {see}）。' },
  'cli.needs-files': { en: '{command} needs at least one {what, select, photo {photo or folder} other {file or folder}}.', zh: '{command} 至少需要一个{what, select, photo {照片或文件夹} other {文件或文件夹}}。' },
  'cli.bad-size': { en: '--size must look like 1920x1080, got "{value}".', zh: '--size 的格式应为 1920x1080，而不是“{value}”。' },
  'cli.bad-number': { en: '--{name} must be a number from {min} to {max}, got "{value}".', zh: '--{name} 必须是 {min} 到 {max} 之间的数字，而不是“{value}”。' },
  'cli.bad-choice': { en: '--{name} must be one of {choices}, got "{value}".', zh: '--{name} 必须是 {choices} 之一，而不是“{value}”。' },

  // Jobs (develop into the album, import, export)
  'cli.progress.scanning': { en: 'finding files', zh: '正在查找文件' },
  'cli.progress.paused': { en: 'paused', zh: '已暂停' },
  'cli.progress.skipped': { en: '{count} already done', zh: '{count} 个之前已完成' },
  'cli.progress.failed': { en: '{count} failed', zh: '{count} 个失败' },
  'cli.progress.left': { en: '{time} left', zh: '还剩 {time}' },
  'cli.job.paused': {
    en: 'Paused after {done} of {total}: run the same command again to continue.',
    zh: '已在完成 {done} 个（共 {total} 个）后暂停：再次运行同一命令即可继续。',
  },
  'cli.job.partial': {
    en: '{failed} of {total, plural, one {# file} other {# files}} could not be {verb, select, developed {developed} imported {imported} exported {exported} tagged {tagged} restored {restored} other {processed}}.',
    zh: '{total, plural, other {# 个文件}}中有 {failed} 个无法{verb, select, developed {冲洗} imported {导入} exported {导出} tagged {写入位置} restored {恢复} other {处理}}。',
  },

  /** Between the items of a list printed inline. */
  'cli.list-separator': { en: ', ', zh: '、' },

  // devices
  'cli.devices.cameras': { en: 'Cameras:', zh: '摄像头：' },
  'cli.devices.microphones': { en: 'Microphones:', zh: '麦克风：' },
  'cli.devices.none': { en: '(none)', zh: '（无）' },

  // looks
  'cli.looks.export-needs': { en: 'looks export needs a camera id and a .cube file name.', zh: 'looks export 需要一个相机 id 和一个 .cube 文件名。' },
  'cli.looks.import-needs': { en: 'looks import needs exactly one LUT file (.cube, .3dl, HaldCLUT .png/.tif).', zh: 'looks import 只接受一个 LUT 文件（.cube、.3dl、HaldCLUT .png/.tif）。' },
  'cli.looks.wrote': { en: 'Wrote {file}', zh: '已写入 {file}' },
  'cli.looks.imported': { en: 'Imported {name} as {id}', zh: '已导入 {name}，id 为 {id}' },

  // shoot and record
  'cli.shoot.countdown': { en: 'Shooting in {seconds}…', zh: '{seconds} 秒后拍摄…' },
  'cli.shoot.shot': { en: 'Shot {size} with {look}: {file}', zh: '已用 {look} 拍摄 {size}：{file}' },
  'cli.record.elapsed': { en: 'Recording {elapsed} s / {seconds} s', zh: '正在录制 {elapsed} 秒 / {seconds} 秒' },
  'cli.record.recorded': { en: 'Recorded {seconds} s at {size} with {look}: {file}', zh: '已用 {look} 录制 {seconds} 秒（{size}）：{file}' },
  'cli.record.warning': { en: 'warning: {warning}', zh: '警告：{warning}' },
  'cli.record.short': {
    en: 'recorded only {got} s of the {asked} s asked for: this computer developed {size} with {look} at {speed}x real time.',
    zh: '要求录制 {asked} 秒，只录到 {got} 秒：这台电脑用 {look} 冲洗 {size} 画面的速度只有实时的 {speed} 倍。',
  },
  'cli.record.slow': {
    en: 'the {got} s clip took {wall} s to record: this computer developed {size} with {look} at {speed}x real time; a webcam at this size would lose frames.',
    zh: '{got} 秒的视频用了 {wall} 秒才录完：这台电脑用 {look} 冲洗 {size} 画面的速度只有实时的 {speed} 倍；用摄像头录制这个尺寸会丢帧。',
  },
  // Follows a sentence: English puts a space after its full stop, Chinese none after 。
  'cli.record.try-smaller': { en: ' Try --size {size} or a lighter look.', zh: '请试试 --size {size} 或更轻量的相机。' },

  // library
  'cli.library.empty': { en: 'The album is empty.', zh: '相册是空的。' },

  // develop and import
  'cli.develop.no-photos': { en: 'No photos found in {paths} (JPEG, PNG, TIFF, WebP, AVIF).', zh: '在 {paths} 中没有找到照片（JPEG、PNG、TIFF、WebP、AVIF）。' },
  'cli.develop.album-or-folder': {
    en: 'develop files either into the album (--album, --library) or into a folder (--out), not both.',
    zh: 'develop 只能冲洗到相册（--album、--library）或文件夹（--out），不能两者同时。',
  },
  'cli.develop.folder-only': {
    en: '--{flag} applies to --out only: the album keeps full-size JPEGs with their EXIF.',
    zh: '--{flag} 只适用于 --out：相册保存的是带 EXIF 的全尺寸 JPEG。',
  },
  'cli.develop.done-album': {
    en: 'Developed {developed} of {total} into the album{skipped, plural, =0 {} other { (# developed before, skipped)}}{failed, plural, =0 {} other { (# failed, see above)}}',
    zh: '已将 {developed} 张（共 {total} 张）冲洗到相册{skipped, plural, =0 {} other {（# 张之前已冲洗，已跳过）}}{failed, plural, =0 {} other {（# 张失败，见上文）}}',
  },
  'cli.develop.done-folder': {
    en: 'Developed {developed} of {total} into {folder}{failed, plural, =0 {} other { (# failed, see above)}}',
    zh: '已将 {developed} 张（共 {total} 张）冲洗到 {folder}{failed, plural, =0 {} other {（# 张失败，见上文）}}',
  },
  'cli.import.done': {
    en: 'Imported {added} of {total}{skipped, plural, =0 {} other { (# already in the album)}}{failed, plural, =0 {} other { (# failed, see above)}}',
    zh: '已导入 {added} 个（共 {total} 个）{skipped, plural, =0 {} other {（# 个已在相册中）}}{failed, plural, =0 {} other {（# 个失败，见上文）}}',
  },

  // export
  'cli.export.out-what': { en: 'the folder the files go to', zh: '文件要导出到的文件夹' },
  'cli.export.ids-or-all': { en: 'export takes item ids or --all, not both.', zh: 'export 接受相册内容的 id 或 --all，不能两者同时。' },
  'cli.export.empty': { en: 'The album is empty: nothing to export.', zh: '相册是空的：没有可导出的内容。' },
  'cli.export.no-item': { en: 'There is no album item "{id}" (see {see}).', zh: '相册中没有“{id}”（参见 {see}）。' },
  'cli.export.whole-numbers': { en: '--quality and --long-edge take whole numbers.', zh: '--quality 和 --long-edge 只接受整数。' },
  'cli.export.location-left-out': { en: 'location left out: {reason}.', zh: '未包含位置：{reason}。' },
  'cli.export.withheld': {
    en: '{why, select, minorWithoutGuardian {the privacy settings say this is someone under 18 without a guardian’s confirmation} ageUnknown {Darkslide has no answer yet to whether you are over 18 (answer it in the app, for this album)} privacyUnknown {the privacy settings could not be read} other {{why}}}',
    zh: '{why, select, minorWithoutGuardian {隐私设置表明这是一位未满 18 岁且没有监护人确认的用户} ageUnknown {Darkslide 还不知道你是否已满 18 岁（请在应用中为这个相册回答）} privacyUnknown {无法读取隐私设置} other {{why}}}',
  },
  'cli.export.holds.capture-time': { en: 'capture time', zh: '拍摄时间' },
  'cli.export.holds.device': { en: 'camera', zh: '相机' },
  'cli.export.holds.software': { en: 'software', zh: '软件' },
  'cli.export.holds.description': { en: 'description', zh: '描述' },
  'cli.export.holds.place': { en: 'place {latitude}, {longitude}', zh: '位置 {latitude}，{longitude}' },
  'cli.export.holds.accuracy': { en: '(±{metres} m)', zh: '（±{metres} 米）' },
  'cli.export.holds.nothing': { en: 'nothing personal', zh: '不含个人信息' },
  'cli.export.holds': { en: '{tags} tags read back: {what}', zh: '读回 {tags} 个标签：{what}' },
  'cli.export.already-there': { en: '(already there, the same bytes)', zh: '（已存在，内容相同）' },
  'cli.export.done': {
    en: 'Exported {written} of {total} to {folder}{already, plural, =0 {} other {, # already there}}{failed, plural, =0 {} other {, # failed (see above)}}.',
    zh: '已将 {written} 个（共 {total} 个）导出到 {folder}{already, plural, =0 {} other {，# 个已存在}}{failed, plural, =0 {} other {，# 个失败（见上文）}}。',
  },
  // Follows cli.export.done: English puts a space after its full stop, Chinese none after 。
  'cli.export.checked': {
    en: ' Every file was read back: {leak, select, yes {some held more than the metadata setting allows and were not kept} other {none holds more than the metadata setting allows}}.',
    zh: '每个文件都已读回检查：{leak, select, yes {有些文件包含的信息超出元数据设置的允许范围，未予保留} other {没有文件包含超出元数据设置允许范围的信息}}。',
  },

  // geotag
  'cli.geotag.track-what': { en: '{flag} (a GPX, KML or Google location file)', zh: '{flag}（GPX、KML 或 Google 位置记录文件）' },
  'cli.geotag.ref': { en: '{kind, select, line {line} other {entry}} {ref}', zh: '第 {ref} {kind, select, line {行} other {条}}' },
  'cli.geotag.tagged-between': { en: 'tagged {latitude}, {longitude} (between the fixes at {refs})', zh: '已写入 {latitude}，{longitude}（位于{refs}的定位点之间）' },
  'cli.geotag.tagged-nearest': { en: 'tagged {latitude}, {longitude} (from the nearest fix, at {refs})', zh: '已写入 {latitude}，{longitude}（取自最近的定位点，{refs}）' },
  'cli.geotag.too-far': {
    en: 'not tagged: {minutes} min {where, select, before {before the track starts} after {after the track ends} other {from the nearest fix}}',
    zh: '未写入：{where, select, before {比轨迹开始早} after {比轨迹结束晚} other {离最近的定位点差}} {minutes} 分钟',
  },
  'cli.geotag.no-capture-time': { en: 'not tagged: it has no capture time', zh: '未写入：它没有拍摄时间' },
  'cli.geotag.no-zone': {
    en: 'not tagged: its time ({time}) has no UTC offset; give the zone it was taken in with --zone',
    zh: '未写入：它的时间（{time}）没有 UTC 时差；请用 --zone 指定拍摄时所在的时区',
  },
  'cli.geotag.unreadable': { en: 'not tagged: {reason}', zh: '未写入：{reason}' },
  'cli.geotag.track': {
    en: '{file}: {fixes, plural, one {# fix} other {# fixes}} ({format}){inaccurate, plural, =0 {} other {, # less accurate than the limit left out}}',
    zh: '{file}：{fixes, plural, other {# 个定位点}}（{format}）{inaccurate, plural, =0 {} other {，# 个精度低于限制，已略去}}',
  },
  'cli.geotag.dry-run': { en: 'Dry run: {tagged} of {total} would be tagged; nothing was written.', zh: '试运行：{total} 个中有 {tagged} 个会写入位置；没有写入任何内容。' },
  'cli.geotag.done': { en: '{tagged} of {total} tagged.', zh: '{total} 个中已写入 {tagged} 个。' },
  // Follows cli.geotag.done: English puts a space after its full stop, Chinese none after 。
  'cli.geotag.undo-hint': { en: ' Undo: {command}', zh: '撤销：{command}' },
  'cli.geotag.restored': {
    en: 'Put back the earlier location tags of {count, plural, one {# file} other {# files}}.',
    zh: '{count, plural, other {已恢复 # 个文件原先的位置标签。}}',
  },

  // location
  'cli.location.off': { en: 'Location for new shots is off.', zh: '新照片的位置功能已关闭。' },
  'cli.location.on': { en: 'New shots get {where}{blocked}.', zh: '新照片的位置：{where}{blocked}。' },
  'cli.location.named': { en: '{name} ({latitude}, {longitude})', zh: '{name}（{latitude}，{longitude}）' },
  'cli.location.coordinates': { en: '({latitude}, {longitude})', zh: '（{latitude}，{longitude}）' },
  'cli.location.name-country': { en: '{name}, {country}', zh: '{name}，{country}' },
  'cli.location.kept-off': { en: ' (kept off now: {reason})', zh: '（目前保持关闭：{reason}）' },
  'cli.location.set-needs': {
    en: 'location set needs a position ("38.7139,-9.1394") or a town’s name.',
    zh: 'location set 需要一个坐标（“38.7139,-9.1394”）或城镇名称。',
  },
  'cli.location.unknown-action': { en: 'Unknown location action "{action}": use set or off.', zh: '未知的 location 操作“{action}”：请使用 set 或 off。' },
});

// Location: track files, geotagging, the place set for new shots. Each track error names the file and where in
// it (a line for GPX/KML, an entry for Google's JSON), says what is wrong, and what to do.
import { defineErrors } from './define.ts';

export const locationErrors = defineErrors({
  'location.track-unreadable': {
    message: { en: '"{file}" could not be read as a track at {where}: {detail}.', zh: '无法将“{file}”读取为轨迹（{where}）：{detail}。' },
    action: { en: 'The file may be cut short or damaged: export it again from the app or device that recorded it.', zh: '文件可能不完整或已损坏，请从记录它的应用或设备重新导出。' },
    button: 'choose-file',
  },
  'location.track-entities': {
    message: { en: '"{file}" declares XML entities ({where}), which a track never needs; it was not read.', zh: '“{file}”声明了 XML 实体（{where}），轨迹文件不需要这些，因此未读取。' },
    action: { en: 'Use the file as the GPS device or app exported it.', zh: '请使用 GPS 设备或应用直接导出的文件。' },
    button: 'choose-file',
  },
  'location.track-bad-point': {
    message: { en: '"{file}" has a point Darkslide cannot use at {where}: {detail}.', zh: '“{file}”在{where}处有无法使用的位置点：{detail}。' },
    action: { en: 'Fix or remove that point, or export the track again.', zh: '请修正或删除该点，或重新导出轨迹。' },
    button: 'choose-file',
  },
  'location.track-no-times': {
    message: { en: '"{file}" has positions but no times (the first is at {where}), so no photo can be matched to it.', zh: '“{file}”有位置但没有时间（第一个位于{where}），因此无法与照片匹配。' },
    action: { en: 'Export the track with time stamps (a recorded track, not a planned route).', zh: '请导出带时间戳的轨迹（记录的轨迹，而不是规划的路线）。' },
    button: 'choose-file',
  },
  'location.track-all-inaccurate': {
    message: { en: 'All {count} positions in "{file}" are less accurate than {limit} m.', zh: '“{file}”中的全部 {count} 个位置精度都低于 {limit} 米。' },
    action: { en: 'Raise the accuracy limit in the geotag settings if rough positions are good enough.', zh: '如果粗略的位置就够用，请在地理标记设置中放宽精度限制。' },
    button: 'open-settings',
  },
  'location.track-empty': {
    message: { en: '"{file}" has no positions.', zh: '“{file}”中没有任何位置。' },
    action: { en: 'Choose the track recorded during the shoot.', zh: '请选择拍摄期间记录的轨迹。' },
    button: 'choose-file',
  },
  'location.track-unknown-format': {
    message: { en: '"{file}" is not a track Darkslide knows ({detail}).', zh: '“{file}”不是 Darkslide 支持的轨迹格式（{detail}）。' },
    action: { en: 'Use a GPX or KML file, or a Google location export (Records.json, a Semantic Location History month, or the Timeline export from a phone).', zh: '请使用 GPX 或 KML 文件，或 Google 位置导出（Records.json、按月的语义位置记录，或手机导出的时间轴）。' },
    button: 'choose-file',
  },
  'location.track-too-large': {
    message: { en: '"{file}" is {size} MB; Darkslide reads Google exports up to {limit} MB at once.', zh: '“{file}”有 {size} MB，Darkslide 一次最多读取 {limit} MB 的 Google 导出文件。' },
    action: { en: 'Use the monthly Semantic Location History files or a shorter export.', zh: '请改用按月的语义位置记录文件或更短的导出。' },
    button: 'choose-file',
  },
  'location.track-too-many-points': {
    message: { en: '"{file}" has more than {limit} positions (stopped at {where}).', zh: '“{file}”的位置超过 {limit} 个（在{where}处停止）。' },
    action: { en: 'Split the track into shorter files, one per trip.', zh: '请把轨迹拆分成较短的文件，每次行程一个。' },
    button: 'choose-file',
  },
  'location.bad-offset': {
    message: { en: '"{value}" is not a time offset.', zh: '“{value}”不是有效的时间偏移。' },
    action: { en: 'Write it as +HH:MM:SS or -HH:MM:SS, e.g. -00:01:30 when the camera clock was 90 seconds fast.', zh: '请写成 +HH:MM:SS 或 -HH:MM:SS，例如相机时钟快了 90 秒时写 -00:01:30。' },
  },
  'location.bad-zone': {
    message: { en: '"{value}" is not a time zone.', zh: '“{value}”不是有效的时区。' },
    action: { en: 'Write an offset such as +02:00, or a zone name such as Europe/Lisbon.', zh: '请填写偏移（如 +02:00）或时区名称（如 Asia/Shanghai）。' },
  },
  'location.bad-max-gap': {
    message: { en: '"{value}" is not a number of seconds for the largest gap.', zh: '“{value}”不是有效的最大间隔秒数。' },
    action: { en: 'Give a whole number of seconds, e.g. 1800 for 30 minutes.', zh: '请填写整数秒，例如 30 分钟填 1800。' },
  },
  'location.bad-coordinates': {
    message: { en: '"{value}" is not a position.', zh: '“{value}”不是有效的位置。' },
    action: { en: 'Write latitude, longitude in degrees, e.g. 38.7139, -9.1394, or a city name.', zh: '请以度为单位填写纬度、经度（如 39.9042, 116.4074），或填写城市名称。' },
  },
  'location.place-not-found': {
    message: { en: 'No town or city called "{value}" is in Darkslide’s list.', zh: 'Darkslide 的列表中没有名为“{value}”的城镇。' },
    action: { en: 'Try the name in English or its local spelling, or type the coordinates.', zh: '请尝试英文名称或当地拼写，或直接输入坐标。' },
  },
  'location.not-allowed': {
    message: { en: 'Location cannot be attached on this profile.', zh: '此配置文件不能附加位置。' },
  },
  'location.no-items': {
    message: { en: 'Nothing to geotag: no photos or videos were given.', zh: '没有可标记位置的内容：未提供照片或视频。' },
    action: { en: 'Select photos in the album, or name files or item ids.', zh: '请在相册中选择照片，或指定文件或条目编号。' },
  },
  'location.track-closed': {
    message: { en: 'The track is no longer open.', zh: '该轨迹已不再打开。' },
    action: { en: 'Choose the track file again.', zh: '请重新选择轨迹文件。' },
    button: 'choose-file',
  },
  'location.unknown-run': {
    message: { en: 'That geotagging can no longer be undone.', zh: '该次地理标记已无法撤销。' },
  },
  'location.unknown-item': {
    message: { en: 'No photo or video "{id}" is in the album.', zh: '相册中没有编号为“{id}”的照片或视频。' },
    action: { en: 'List the album with `darkslide library` to see the ids.', zh: '请用 `darkslide library` 列出相册以查看编号。' },
  },
});

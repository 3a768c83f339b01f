// Location: the place for new shots (settings and the viewfinder), the info panel, the geotag dialog.
import { defineMessages } from '../define.ts';

export const locationMessages = defineMessages({
  // Key caps for the info panel (I) and the geotag dialog (L).
  'key.i': { en: 'I', zh: 'I' },
  'key.l': { en: 'L', zh: 'L' },

  // Settings
  'settings.location': { en: 'Location', zh: '位置' },
  'settings.location.intro': {
    en: 'New photos and videos can carry the place you set here. It is off unless you turn it on, and nothing is looked up online: places come from a list of towns kept on this computer.',
    zh: '新拍的照片和视频可以带上你在这里设置的地点。除非你打开，否则不会附加；也不会在网上查询：地点来自保存在这台电脑上的城镇列表。',
  },
  'settings.location.attach': { en: 'Attach this place to new photos and videos', zh: '为新拍的照片和视频附加此地点' },
  'settings.location.place': { en: 'Place', zh: '地点' },
  'settings.location.none': { en: 'No place set yet.', zh: '尚未设置地点。' },
  'settings.location.search': { en: 'Town or coordinates', zh: '城镇或坐标' },
  'settings.location.search.hint': { en: 'e.g. Lisbon, or 38.7139, -9.1394', zh: '例如：北京，或 39.9042, 116.4074' },
  'settings.location.use': { en: 'Use', zh: '使用' },
  'settings.location.results': { en: 'Towns', zh: '城镇' },
  'settings.location.blocked': { en: 'Location is kept off on this profile ({reason}).', zh: '此配置文件的位置功能保持关闭（{reason}）。' },
  'settings.location.os': {
    en: 'Your computer’s own location is not used: on every system Darkslide runs on, it comes from a location service over the network. Set a place instead.',
    zh: '不会使用电脑自身的定位：在 Darkslide 支持的所有系统上，它都来自网络定位服务。请改为设置一个地点。',
  },
  'settings.location.credit': { en: 'Town list: GeoNames (CC BY 4.0). Maps: Natural Earth.', zh: '城镇列表：GeoNames（CC BY 4.0）。地图：Natural Earth。' },

  // Viewfinder
  'location.attached': { en: 'Location on: {place}', zh: '位置已开启：{place}' },
  'location.attached.title': { en: 'New shots get this place. Change it in Settings → Location.', zh: '新拍摄的内容会带上此地点。可在“设置 → 位置”中更改。' },

  // Place names
  'location.place': { en: '{name}, {country}', zh: '{name}（位于{country}）' },
  // Degrees with five decimals (about a metre); the hemisphere in words each language's maps use. Each
  // coordinate is its own message so the page can keep it on one line (a lone "W" wrapped at 720 px).
  'location.latitude': { en: '{degrees}° {north, select, yes {N} other {S}}', zh: '{north, select, yes {北纬} other {南纬}} {degrees}°' },
  'location.longitude': { en: '{degrees}° {east, select, yes {E} other {W}}', zh: '{east, select, yes {东经} other {西经}} {degrees}°' },
  'location.coordinates': { en: '{latitude}, {longitude}', zh: '{latitude}，{longitude}' },

  // Info panel
  'info.title': { en: 'Info', zh: '信息' },
  'info.toggle': { en: 'Info', zh: '信息' },
  'info.taken': { en: 'Taken', zh: '拍摄时间' },
  'info.taken.offset': { en: '{time} (UTC{offset})', zh: '{time}（时区 UTC{offset}）' },
  'info.taken.utc': { en: '{time} (UTC)', zh: '{time}（协调世界时）' },
  'info.taken.no-offset': { en: '{time} (no time zone recorded)', zh: '{time}（未记录时区）' },
  'info.taken.unknown': { en: 'Not recorded', zh: '未记录' },
  'info.camera': { en: 'Camera', zh: '相机' },
  'info.size': { en: 'Size', zh: '尺寸' },
  'info.size.value': { en: '{width} × {height} px', zh: '{width} × {height} 像素' },
  'info.duration': { en: 'Length', zh: '时长' },
  'info.file-size': { en: 'File', zh: '文件' },
  'info.location': { en: 'Location', zh: '位置' },
  'info.location.none': { en: 'No location', zh: '无位置信息' },
  'info.near': { en: 'Near', zh: '附近' },
  // No line break inside a distance: a no-break space between number and unit, and a word joiner between the
  // two characters of 公里 (a line may break between any two Chinese characters). A narrow info panel broke
  // "（1" from "公里）".
  'info.near.value': { en: '{place} ({distance, number, ::precision-integer}\u00a0km)', zh: '{place}（{distance, number, ::precision-integer}\u00a0公\u2060里）' },
  'info.altitude': { en: 'Altitude', zh: '海拔' },
  'info.altitude.value': { en: '{metres, number, ::precision-integer} m', zh: '{metres, number, ::precision-integer} 米' },
  'info.accuracy': { en: 'Accuracy', zh: '精度' },
  'info.accuracy.value': { en: 'within {metres, number, ::precision-integer} m', zh: '{metres, number, ::precision-integer} 米以内' },
  'info.map': { en: 'Map of where this was taken', zh: '拍摄地点地图' },
  'info.loading': { en: 'Reading…', zh: '正在读取…' },

  // Geotag dialog
  'geotag.open': { en: 'Geotag…', zh: '添加位置…' },
  'geotag.open.title': { en: 'Give these shots positions from a GPS track (L)', zh: '用 GPS 轨迹为这些照片添加位置（L）' },
  'geotag.title': { en: 'Geotag from a track', zh: '用轨迹添加位置' },
  'geotag.intro': {
    en: 'Each photo gets the position the track had when it was taken. GPX, KML and Google location exports work.',
    zh: '每张照片会得到拍摄时轨迹所在的位置。支持 GPX、KML 和 Google 位置导出文件。',
  },
  'geotag.track': { en: 'Track', zh: '轨迹' },
  'geotag.track.choose': { en: 'Choose a track…', zh: '选择轨迹…' },
  'geotag.track.other': { en: 'Choose another track…', zh: '选择其他轨迹…' },
  'geotag.track.reading': { en: 'Reading the track…', zh: '正在读取轨迹…' },
  'geotag.track.summary': {
    en: '{name}: {fixes, plural, one {# position} other {# positions}} from {start, date, medium} {start, time, short} to {end, time, short}',
    zh: '{name}：{fixes, plural, other {# 个位置}}，从 {start, date, medium} {start, time, short} 到 {end, time, short}',
  },
  'geotag.track.dropped': {
    en: '{count, plural, one {# position was} other {# positions were}} less accurate than 100 m and left out.',
    zh: '{count, plural, other {# 个位置}}精度低于 100 米，已略去。',
  },
  'geotag.photos': { en: '{count, plural, one {# shot} other {# shots}}', zh: '{count, plural, other {# 张}}' },
  'geotag.offset': { en: 'Camera clock', zh: '相机时钟' },
  'geotag.offset.help': {
    en: 'Was the camera’s clock wrong? Move this until the photos sit where you were: the time added to each photo.',
    zh: '相机时钟不准？拖动它，直到照片落在你当时所在的位置：即给每张照片加上的时间。',
  },
  'geotag.offset.reset': { en: 'Reset', zh: '重置' },
  'geotag.offset.minus-minute': { en: '−1 min', zh: '−1 分钟' },
  'geotag.offset.minus-second': { en: '−1 s', zh: '−1 秒' },
  'geotag.offset.plus-second': { en: '+1 s', zh: '+1 秒' },
  'geotag.offset.plus-minute': { en: '+1 min', zh: '+1 分钟' },
  'geotag.zone': { en: 'Time zone for photos without one', zh: '无时区照片所用的时区' },
  'geotag.zone.hint': { en: 'e.g. +01:00 or Europe/Lisbon', zh: '例如 +08:00 或 Asia/Shanghai' },
  'geotag.max-gap': { en: 'Largest gap (minutes)', zh: '最大间隔（分钟）' },
  'geotag.map': { en: 'The track and where each photo lands', zh: '轨迹以及每张照片所在的位置' },
  'geotag.count.tagged': { en: '{count, plural, one {# will be tagged} other {# will be tagged}}', zh: '{count, plural, other {# 张将添加位置}}' },
  'geotag.count.other': { en: '{count, plural, one {# will not} other {# will not}}', zh: '{count, plural, other {# 张不会}}' },
  'geotag.status.tagged': { en: 'Tagged from the fixes at {refs}', zh: '由 {refs} 处的定位得到' },
  'geotag.status.tagged.nearest': { en: 'Nearest fix, at {refs}', zh: '取最近的定位（{refs}）' },
  'geotag.status.ref.line': { en: 'line {ref}', zh: '第 {ref} 行' },
  'geotag.status.ref.entry': { en: 'entry {ref}', zh: '第 {ref} 条' },
  'geotag.status.too-far': {
    en: '{minutes, plural, one {# minute} other {# minutes}} {where, select, before {before the track starts} after {after the track ends} other {from the nearest position}}',
    zh: '{where, select, before {在轨迹开始前} after {在轨迹结束后} other {距最近的位置}} {minutes, plural, other {# 分钟}}',
  },
  'geotag.status.no-capture-time': { en: 'No capture time in the file', zh: '文件中没有拍摄时间' },
  'geotag.status.no-zone': { en: 'Its time has no time zone: give one above', zh: '它的时间没有时区：请在上方填写' },
  'geotag.status.unreadable': { en: 'Could not be read', zh: '无法读取' },
  'geotag.apply': { en: 'Tag {count, plural, one {# shot} other {# shots}}', zh: '为 {count, plural, other {# 张}}添加位置' },
  'geotag.cancel': { en: 'Cancel', zh: '取消' },
  'geotag.close': { en: 'Close', zh: '关闭' },
  'geotag.writing': { en: 'Writing positions… {done} of {total}', zh: '正在写入位置…第 {done} / {total} 张' },
  'geotag.done': { en: '{count, plural, one {# shot tagged.} other {# shots tagged.}}', zh: '已为 {count, plural, other {# 张}}添加位置。' },
  'geotag.done.cancelled': { en: 'Stopped: {count, plural, one {# shot was} other {# shots were}} tagged before you cancelled.', zh: '已停止：取消前已为 {count, plural, other {# 张}}添加位置。' },
  'geotag.undo': { en: 'Undo', zh: '撤销' },
  'geotag.undone': { en: 'Undone: the earlier location tags are back.', zh: '已撤销：之前的位置信息已恢复。' },
  'geotag.failed': { en: '{count, plural, one {# shot could not be written:} other {# shots could not be written:}}', zh: '{count, plural, other {# 张}}无法写入：' },
  'geotag.filter.tracks': { en: 'GPS tracks', zh: 'GPS 轨迹' },
});

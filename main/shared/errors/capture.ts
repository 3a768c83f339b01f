// Errors of the camera: ffmpeg, devices, the viewfinder, stills and recording. `{device}` is the device id
// the user picked (demo, file:/path, v4l2:/dev/video0 ...); `{detail}` is ffmpeg's own last words, kept
// untranslated because they are the clue a bug report needs.
import { defineErrors } from './define.ts';

const INSTALL = {
  en: 'Install FFmpeg 4.4 or newer (Debian/Ubuntu: `sudo apt install ffmpeg`; macOS: `brew install ffmpeg`; Windows: `winget install ffmpeg`) or set FFMPEG_PATH to the ffmpeg executable.',
  zh: '请安装 FFmpeg 4.4 或更新版本（Debian/Ubuntu：`sudo apt install ffmpeg`；macOS：`brew install ffmpeg`；Windows：`winget install ffmpeg`），或把 FFMPEG_PATH 设为 ffmpeg 可执行文件的路径。',
};
const DEVICE_IDS = {
  en: 'Use "demo", "v4l2:/dev/videoN", "file:/abs/path.mp4", "avfoundation:N" or "dshow:Name" (see the device list).',
  zh: '请使用 "demo"、"v4l2:/dev/videoN"、"file:/绝对路径.mp4"、"avfoundation:N" 或 "dshow:名称"（见设备列表）。',
};

export const captureErrors = defineErrors({
  'capture.viewfinder-off': {
    message: { en: 'The camera is off.', zh: '摄像头已关闭。' },
    action: { en: 'Open the viewfinder and choose a camera first.', zh: '请先打开取景器并选择一个摄像头。' },
  },
  'capture.recording': {
    message: { en: 'A video is being recorded.', zh: '正在录制视频。' },
    action: { en: 'Stop the recording first.', zh: '请先停止录制。' },
  },
  'capture.not-recording': {
    message: { en: 'Nothing is being recorded.', zh: '当前没有在录制。' },
  },

  // ffmpeg itself
  'capture.ffmpeg-missing': {
    message: { en: 'ffmpeg was not found on this computer.', zh: '在这台电脑上找不到 ffmpeg。' },
    action: INSTALL,
  },
  'capture.ffmpeg-path-invalid': {
    message: { en: 'FFMPEG_PATH is set to "{path}", but no executable ffmpeg is there.', zh: 'FFMPEG_PATH 设为“{path}”，但那里没有可执行的 ffmpeg。' },
    action: INSTALL,
  },
  'capture.ffmpeg-unusable': {
    message: { en: '"{path} -version" did not report a version (exit {exit}).', zh: '“{path} -version”没有报告版本号（退出码 {exit}）。' },
    action: INSTALL,
  },
  'capture.ffmpeg-too-old': {
    message: { en: 'ffmpeg at {path} is version {version}; Darkslide needs {min} or newer.', zh: '{path} 处的 ffmpeg 版本为 {version}；Darkslide 需要 {min} 或更新版本。' },
    action: INSTALL,
  },
  'capture.ffmpeg-start-failed': {
    message: { en: 'Could not start ffmpeg at {path}: {detail}', zh: '无法启动 {path} 处的 ffmpeg：{detail}' },
    action: INSTALL,
  },

  // Device ids and options (a script or a stale setting named something that cannot be a camera)
  'capture.bad-device-id': {
    message: { en: 'Unknown camera id "{device}".', zh: '未知的摄像头标识“{device}”。' },
    action: DEVICE_IDS,
  },
  'capture.bad-mic-id': {
    message: { en: 'Unknown microphone id "{device}".', zh: '未知的麦克风标识“{device}”。' },
    action: {
      en: 'Use "demo", "pulse:SOURCE", "alsa:DEVICE", "avfoundation:NAME", "dshow:NAME" or "file:/abs/path" (see the device list).',
      zh: '请使用 "demo"、"pulse:源名称"、"alsa:设备名"、"avfoundation:名称"、"dshow:名称" 或 "file:/绝对路径"（见设备列表）。',
    },
  },
  'capture.file-not-chosen': {
    message: { en: 'That video file was not chosen in this session, so it cannot be used as a camera.', zh: '本次会话中没有选择该视频文件，因此不能用作相机。' },
    action: { en: 'Choose it again with "Video file…" in the camera list.', zh: '请在相机列表中通过“视频文件…”重新选择它。' },
  },
  'capture.not-a-video-file': {
    message: { en: '"{file}" is not a video file Darkslide can play as a camera.', zh: 'Darkslide 无法把“{file}”当作相机播放，它不是视频文件。' },
    action: { en: 'Choose an MP4, MOV, MKV, WebM, AVI or M4V file.', zh: '请选择 MP4、MOV、MKV、WebM、AVI 或 M4V 文件。' },
  },
  'capture.file-path-relative': {
    message: { en: '"{device}" needs an absolute path, such as "{example}".', zh: '“{device}”需要绝对路径，例如“{example}”。' },
  },
  'capture.v4l2-not-a-node': {
    message: { en: 'V4L2 camera "{device}" must name a device node such as "v4l2:/dev/video0".', zh: 'V4L2 摄像头“{device}”必须指向设备节点，例如 "v4l2:/dev/video0"。' },
  },
  'capture.wrong-platform': {
    message: { en: '{system} devices exist only on {os}: "{device}" cannot be opened on this computer.', zh: '{system} 设备只存在于 {os}：无法在这台电脑上打开“{device}”。' },
    action: { en: 'Pick a camera or microphone from the device list on this computer.', zh: '请从这台电脑的设备列表中选择摄像头或麦克风。' },
  },
  'capture.bad-option': {
    message: { en: 'Capture option not valid: {detail}', zh: '采集选项无效：{detail}' },
  },
  'capture.needs-size': {
    message: { en: 'Camera "{device}": its capture size is not known.', zh: '摄像头“{device}”：不知道它的采集尺寸。' },
    action: { en: 'Choose one of its sizes in the camera settings.', zh: '请在摄像头设置中选择它支持的一个尺寸。' },
  },

  // The device
  'capture.device-not-found': {
    message: { en: 'Camera "{device}" was not found (ffmpeg: {detail}).', zh: '找不到摄像头“{device}”（ffmpeg：{detail}）。' },
    action: { en: 'It may be unplugged: plug it in or pick another camera.', zh: '它可能已被拔出：请插上它或选择另一个摄像头。' },
    button: 'retry',
  },
  'capture.file-not-found': {
    message: { en: 'The video file "{file}" does not exist.', zh: '视频文件“{file}”不存在。' },
    action: { en: 'Pick another file or camera.', zh: '请选择其他文件或摄像头。' },
    button: 'choose-file',
  },
  'capture.file-unreadable': {
    message: { en: 'Cannot read "{file}": {detail}', zh: '无法读取“{file}”：{detail}' },
    action: { en: 'Pick another file.', zh: '请选择其他文件。' },
    button: 'choose-file',
  },
  'capture.no-video-stream': {
    message: { en: '"{file}" has no video in it.', zh: '“{file}”中没有视频画面。' },
    action: { en: 'Pick a video file (MP4, MOV, MKV, WebM).', zh: '请选择一个视频文件（MP4、MOV、MKV、WebM）。' },
    button: 'choose-file',
  },
  'capture.no-audio-stream': {
    message: { en: '"{file}" has no sound to record.', zh: '“{file}”中没有可录制的声音。' },
    action: { en: 'Record without a microphone or pick another one.', zh: '请不用麦克风录制，或选择另一个麦克风。' },
  },
  'capture.not-a-camera': {
    message: { en: '"{device}" is not a video capture device (UVC cameras add a metadata node beside the camera).', zh: '“{device}”不是视频采集设备（UVC 摄像头会在设备旁多出一个元数据节点）。' },
    action: { en: 'Pick the camera from the device list.', zh: '请从设备列表中选择摄像头。' },
  },
  'capture.no-modes': {
    message: { en: 'Camera "{device}" reports no video modes Darkslide can use.', zh: '摄像头“{device}”没有报告 Darkslide 可用的视频模式。' },
  },
  'capture.device-busy': {
    message: { en: 'Camera "{device}" is busy: another application is using it (ffmpeg: {detail}).', zh: '摄像头“{device}”正忙：另一个程序正在使用它（ffmpeg：{detail}）。' },
    action: { en: 'Close the other application, then try again.', zh: '请关闭另一个程序，然后重试。' },
    button: 'retry',
  },
  'capture.device-held': {
    message: {
      en: 'Camera "{device}" is already in use by Darkslide’s {holder, select, viewfinder {viewfinder} recorder {recorder} other {still camera}}.',
      zh: '摄像头“{device}”已被 Darkslide 的{holder, select, viewfinder {取景器} recorder {录像} other {拍照}}占用。',
    },
    action: { en: 'Stop that first (recording takes over the preview by itself).', zh: '请先停止它（录像会自动接管预览）。' },
  },
  'capture.device-permission': {
    message: { en: 'Darkslide is not allowed to use camera "{device}" (ffmpeg: {detail}).', zh: 'Darkslide 没有权限使用摄像头“{device}”（ffmpeg：{detail}）。' },
    action: { en: 'Allow camera access for Darkslide in the system settings, then try again.', zh: '请在系统设置中允许 Darkslide 使用摄像头，然后重试。' },
    button: 'retry',
  },
  'capture.device-lost': {
    message: { en: 'Camera "{device}" stopped sending pictures (ffmpeg: {detail}).', zh: '摄像头“{device}”不再传来画面（ffmpeg：{detail}）。' },
    action: { en: 'Reconnect it and try again.', zh: '请重新连接后重试。' },
    button: 'retry',
  },
  'capture.file-gone': {
    message: { en: 'The video file "{file}" disappeared while it was the camera.', zh: '作为摄像头的视频文件“{file}”在使用中消失了。' },
    action: { en: 'Restore the file or pick another camera.', zh: '请恢复该文件或选择另一个摄像头。' },
  },
  'capture.stalled': {
    message: { en: 'Camera "{device}" sent no picture for {seconds} s (unplugged or frozen).', zh: '摄像头“{device}”已有 {seconds} 秒没有传来画面（被拔出或卡住）。' },
    action: { en: 'Reconnect it and try again.', zh: '请重新连接后重试。' },
    button: 'retry',
  },
  'capture.start-timeout': {
    message: { en: 'Camera "{device}" sent no picture within {seconds} s.', zh: '摄像头“{device}”在 {seconds} 秒内没有传来画面。' },
    action: { en: 'Check that no other application uses it, then try again.', zh: '请确认没有其他程序在使用它，然后重试。' },
    button: 'retry',
  },
  'capture.failed': {
    message: { en: 'Camera "{device}" failed: {detail}', zh: '摄像头“{device}”出错：{detail}' },
    button: 'retry',
  },
  'capture.preview-corrupt': {
    message: { en: 'The preview stream from ffmpeg is corrupt: {detail}', zh: 'ffmpeg 传来的预览数据已损坏：{detail}' },
    button: 'retry',
  },

  // Stills
  'capture.still-timeout': {
    message: { en: 'Camera "{device}" delivered no full-size picture within {ms} ms.', zh: '摄像头“{device}”在 {ms} 毫秒内没有给出全尺寸画面。' },
    action: { en: 'Press the shutter again.', zh: '请再按一次快门。' },
  },
  'capture.stopped': {
    message: { en: 'Camera "{device}" is stopped.', zh: '摄像头“{device}”已停止。' },
    action: { en: 'Start the viewfinder again.', zh: '请重新打开取景器。' },
  },
  'capture.stills-off': {
    message: { en: 'This recording was started without stills, so no photo can be taken during it.', zh: '这段录像启动时没有开启拍照，录制期间无法拍照。' },
  },

  // Recording
  'capture.output-not-absolute': {
    message: { en: 'A recording needs an absolute path ending in .mp4 (got "{file}").', zh: '录像需要以 .mp4 结尾的绝对路径（收到的是“{file}”）。' },
  },
  'capture.output-folder': {
    message: { en: 'Cannot write recordings to "{folder}": the folder does not exist or is read-only.', zh: '无法把录像写入“{folder}”：文件夹不存在或只读。' },
    action: { en: 'Choose another folder.', zh: '请选择其他文件夹。' },
    button: 'choose-folder',
  },
  'capture.recording-running': {
    message: { en: 'A recording to "{file}" is already running.', zh: '已有一段录像正在写入“{file}”。' },
  },
  'capture.recording-failed': {
    message: { en: 'The recording from "{device}" failed: {detail}', zh: '来自“{device}”的录像失败：{detail}' },
  },
  'capture.finish-failed': {
    message: { en: 'Could not finish "{file}": {detail}', zh: '无法完成“{file}”：{detail}' },
    action: { en: 'The raw recording is kept in "{partial}"; Darkslide recovers it on its next start.', zh: '原始录像保存在“{partial}”中；Darkslide 下次启动时会恢复它。' },
  },
  'capture.recordings-folder': {
    message: { en: 'Cannot read the recordings folder "{folder}": {detail}', zh: '无法读取录像文件夹“{folder}”：{detail}' },
  },
  'capture.encode-probe-failed': {
    message: { en: 'Could not measure whether this computer records in real time: {detail}', zh: '无法测出这台电脑能否实时录像：{detail}' },
  },
  'capture.check-busy': {
    message: {
      en: 'This computer was too busy to measure its recording speed; it is measured again next time video is chosen.',
      zh: '这台电脑太忙，未能测出录像速度；下次选择视频时会重新测量。',
    },
  },
});

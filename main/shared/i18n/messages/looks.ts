// The film cameras: the list beside the viewfinder and importing a LUT as a camera of one's own.
import { defineMessages } from '../define.ts';

export const looksMessages = defineMessages({
  'looks.title': { en: 'Cameras', zh: '相机' },
  'looks.label': { en: 'Film cameras', zh: '胶片相机' },
  'looks.list': { en: 'Choose a film camera ([ and ])', zh: '选择胶片相机（[ 和 ]）' },
  'looks.imported': { en: 'Imported', zh: '已导入' },
  'looks.video': { en: 'Video', zh: '视频' },
  'looks.video.title': {
    en: 'A movie film, made for video: it records with its own frame rate and the frame’s gentle weave. It takes photos too, in the same colours and grain.',
    zh: '电影胶片，为视频而设：录制时使用它自己的帧率和画面的轻微晃动。它也能拍照，色彩和颗粒相同。',
  },
  'looks.colour': { en: 'Colour', zh: '色彩' },
  'looks.grain': { en: 'Grain & effects', zh: '颗粒与效果' },

  'import.button': { en: 'Import LUT…', zh: '导入 LUT…' },
  'import.button.title': { en: 'Make a camera from a .cube, .3dl or HaldCLUT file', zh: '用 .cube、.3dl 或 HaldCLUT 文件制作一台相机' },
  'import.form': { en: 'Import a LUT', zh: '导入 LUT' },
  'import.name': { en: 'Name', zh: '名称' },
  'import.name.placeholder': { en: 'From the file', zh: '取自文件名' },
  'import.base': { en: 'Keep grain & frame of', zh: '颗粒与边框取自' },
  'import.base.none': { en: 'No camera: colour only', zh: '不取：只用色彩' },
  'import.reading': { en: 'Reading {file}…', zh: '正在读取 {file}…' },
  'import.progress': { en: 'Importing', zh: '导入中' },
  'import.failed': { en: 'Could not import {file}', zh: '无法导入 {file}' },
  'import.choose-another': { en: 'Choose another…', zh: '另选一个…' },
  'import.confirm': { en: 'Import', zh: '导入' },
});

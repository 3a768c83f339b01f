// Errors of the look engine: LUT files (each parse error names the file and line: "{file}:{line}: ..."),
// developing photos through a look, exporting a look.
import { defineErrors } from './define.ts';

const FIX_LINE = {
  en: 'Fix that line in a text editor, or export the LUT again from the program that made it.',
  zh: '请用文本编辑器修正该行，或在制作它的程序中重新导出该 LUT。',
};
const NOT_A_LUT = {
  en: 'Choose a .cube or .3dl LUT, or a HaldCLUT image.',
  zh: '请选择 .cube 或 .3dl 格式的 LUT，或 HaldCLUT 图像。',
};

export const looksErrors = defineErrors({
  'look.unknown': {
    message: { en: 'There is no camera called "{id}".', zh: '没有名为“{id}”的相机。' },
    action: { en: 'Run `darkslide looks` to see the cameras, or choose one from the list.', zh: '运行 `darkslide looks` 查看所有相机，或从列表中选择一台。' },
  },
  'look.not-imported': {
    message: {
      en: '"{name}" ships with Darkslide, so it cannot be {action, select, rename {renamed} other {deleted}}.',
      zh: '“{name}”是 Darkslide 自带的相机，不能{action, select, rename {重命名} other {删除}}。',
    },
    action: { en: 'Only cameras you imported from a LUT can be renamed or deleted.', zh: '只有你从 LUT 导入的相机才能重命名或删除。' },
  },
  'look.invalid-name': {
    message: { en: '"{name}" cannot be a camera name: it is empty.', zh: '“{name}”不能作为相机名称：名称为空。' },
    action: { en: 'Type a name of 1 to 60 characters.', zh: '请输入 1 到 60 个字符的名称。' },
  },
  'look.invalid-definition': {
    message: { en: '{file}: the camera definition is not valid: {problem}.', zh: '{file}：相机定义无效：{problem}。' },
    action: { en: 'Import the LUT again, or delete this file.', zh: '请重新导入该 LUT，或删除此文件。' },
  },
  'look.invalid-option': {
    message: { en: '{option} must be {expected}, got {value}.', zh: '{option} 应为{expected}，实际为 {value}。' },
  },
  'lut.unsupported-type': {
    message: { en: '"{file}" is not a LUT Darkslide reads (its type is "{ext}").', zh: 'Darkslide 无法读取“{file}”这种 LUT（类型为“{ext}”）。' },
    action: NOT_A_LUT,
  },
  'lut.not-a-number': {
    message: { en: '{file}:{line}: "{token}" is not a finite number.', zh: '{file}:{line}：“{token}”不是有限的数字。' },
    action: FIX_LINE,
  },
  'lut.value-too-large': {
    message: { en: '{file}:{line}: {token} is too large for a colour value.', zh: '{file}:{line}：{token} 作为颜色值太大了。' },
    action: FIX_LINE,
  },
  'lut.entry-width': {
    message: { en: '{file}:{line}: expected 3 numbers per entry, found {found}.', zh: '{file}:{line}：每个条目应有 3 个数，这里有 {found} 个。' },
    action: FIX_LINE,
  },
  'lut.size-out-of-range': {
    message: { en: '{file}:{line}: {keyword} {value} out of range ({min}..{max}).', zh: '{file}:{line}：{keyword} {value} 超出范围（{min}..{max}）。' },
    action: FIX_LINE,
  },
  'lut.keyword-arity': {
    message: { en: '{file}:{line}: {keyword} needs {count} numbers.', zh: '{file}:{line}：{keyword} 需要 {count} 个数。' },
    action: FIX_LINE,
  },
  'lut.unknown-keyword': {
    message: { en: '{file}:{line}: unknown keyword "{keyword}".', zh: '{file}:{line}：未知的关键字“{keyword}”。' },
    action: FIX_LINE,
  },
  'lut.both-sizes': {
    message: { en: '{file}:{line}: both LUT_1D_SIZE and LUT_3D_SIZE given.', zh: '{file}:{line}：同时给出了 LUT_1D_SIZE 和 LUT_3D_SIZE。' },
    action: FIX_LINE,
  },
  'lut.no-size': {
    message: { en: '{file}: no LUT_3D_SIZE or LUT_1D_SIZE line: not a .cube LUT.', zh: '{file}：没有 LUT_3D_SIZE 或 LUT_1D_SIZE 行，不是 .cube LUT。' },
    action: NOT_A_LUT,
  },
  'lut.domain-order': {
    message: { en: '{file}:{line}: DOMAIN_MAX must exceed DOMAIN_MIN in every channel.', zh: '{file}:{line}：每个通道的 DOMAIN_MAX 都必须大于 DOMAIN_MIN。' },
    action: FIX_LINE,
  },
  'lut.entry-count': {
    message: { en: '{file}:{line}: wrong entry count: {entries} entries, {grid} needs {expected}.', zh: '{file}:{line}：条目数量不对：有 {entries} 个，{grid} 需要 {expected} 个。' },
    action: { en: 'The file may be cut short: export or copy it again.', zh: '文件可能不完整，请重新导出或复制。' },
  },
  'lut.3dl-mesh-bits': {
    message: { en: '{file}:{line}: the Mesh line needs output bits 8..16, got "{value}".', zh: '{file}:{line}：Mesh 行的输出位数应为 8..16，实际为“{value}”。' },
    action: FIX_LINE,
  },
  'lut.3dl-grid': {
    message: { en: '{file}:{line}: the first line must list the input grid (at least 2 increasing values).', zh: '{file}:{line}：第一行必须列出输入网格（至少 2 个递增的值）。' },
    action: FIX_LINE,
  },
  'lut.3dl-no-grid': {
    message: { en: '{file}: no input grid line: not a .3dl LUT.', zh: '{file}：没有输入网格行，不是 .3dl LUT。' },
    action: NOT_A_LUT,
  },
  'lut.3dl-negative': {
    message: { en: '{file}:{line}: negative value {value}: .3dl values are 0 or more.', zh: '{file}:{line}：出现负值 {value}，.3dl 的值不能小于 0。' },
    action: FIX_LINE,
  },
  'lut.3dl-too-deep': {
    message: { en: '{file}:{line}: value {value} needs more than 16 bits.', zh: '{file}:{line}：值 {value} 超过了 16 位。' },
    action: FIX_LINE,
  },
  'lut.hald-unreadable': {
    message: { en: '"{file}" is not an image Darkslide can read.', zh: 'Darkslide 无法读取图像“{file}”。' },
    action: NOT_A_LUT,
  },
  'lut.hald-shape': {
    message: { en: '{file}: a {width}x{height} image is not a HaldCLUT (it needs a square of side L³, L = 2..16, e.g. 512x512 for level 8).', zh: '{file}：{width}x{height} 的图像不是 HaldCLUT（需要边长为 L³ 的正方形，L = 2..16，例如 8 级为 512x512）。' },
    action: NOT_A_LUT,
  },
  'lut.export-not-cube': {
    message: { en: '"{file}" exists and is not a .cube: Darkslide will not write over it.', zh: '“{file}”已存在且不是 .cube 文件，Darkslide 不会覆盖它。' },
    action: { en: 'Choose a name ending in .cube.', zh: '请选择以 .cube 结尾的文件名。' },
  },
  'develop.too-large': {
    message: { en: '"{file}" is {megabytes} MB: Darkslide develops photo files up to {limit} MB.', zh: '“{file}”有 {megabytes} MB，Darkslide 只能冲洗不超过 {limit} MB 的照片文件。' },
    action: { en: 'Save it smaller (as a JPEG, for example), then try again.', zh: '请先把它另存为更小的文件（例如 JPEG），然后重试。' },
  },
  'develop.too-many-pixels': {
    message: { en: '"{file}" is {width}x{height} pixels ({megapixels} MP): Darkslide develops pictures up to {limit} MP.', zh: '“{file}”有 {width}x{height} 像素（{megapixels} MP），Darkslide 只能冲洗不超过 {limit} MP 的图片。' },
    action: { en: 'Make a smaller copy of it, then develop that.', zh: '请先制作一个较小的副本，再冲洗它。' },
  },
  'develop.undecodable': {
    message: { en: '"{file}" could not be read as a picture ({detail}).', zh: '无法把“{file}”读取为图片（{detail}）。' },
    action: { en: 'The file may be damaged or of a type Darkslide does not read: use a JPEG, PNG, TIFF, WebP or AVIF file.', zh: '文件可能已损坏，或不是 Darkslide 能读取的类型：请使用 JPEG、PNG、TIFF、WebP 或 AVIF 文件。' },
  },
  'develop.raw-size': {
    message: { en: 'Raw pixels must be {width}x{height}x3 = {expected} bytes, got {actual}.', zh: '原始像素应为 {width}x{height}x3 = {expected} 字节，实际为 {actual} 字节。' },
  },
  'develop.no-free-name': {
    message: { en: 'No free name for "{file}" in "{folder}".', zh: '在“{folder}”中找不到可用于“{file}”的名称。' },
    action: { en: 'Choose another output folder.', zh: '请选择其他输出文件夹。' },
    button: 'choose-folder',
  },
  'develop.cancelled': {
    message: { en: '"{file}" was not developed: the batch was cancelled.', zh: '“{file}”未冲洗：批处理已取消。' },
  },
  'video.invalid-size': {
    message: { en: 'The video size must be whole numbers of at least 16, got {width}x{height}.', zh: '视频尺寸必须是不小于 16 的整数，实际为 {width}x{height}。' },
  },
});

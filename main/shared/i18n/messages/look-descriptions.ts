// The built-in cameras' descriptions, keyed by look id. The JSON's own description stays the source for
// imported cameras; these are what the UI and `darkslide looks` show for the cameras Darkslide ships.
// A camera's name ("Harbor 400") is a proper noun and is never translated.
import { defineMessages } from '../define.ts';

export const lookDescriptionMessages = defineMessages({
  'look.attic-200.description': {
    en: 'Expired film found in a drawer: faded blacks, a magenta-cyan drift, heavy grain and random warm light leaks (seeded).',
    zh: '抽屉里翻出的过期胶卷：褪色的黑、品红与青色的偏移、粗重的颗粒，还有随机的暖色漏光（每张固定）。',
  },
  'look.carnival-100.description': {
    en: 'Saturated slide film: deep blacks, electric reds and blues, little latitude, very fine grain: made for sun.',
    zh: '高饱和反转片：深邃的黑、鲜亮的红与蓝，宽容度小，颗粒极细，为阳光而生。',
  },
  'look.glacier-50.description': {
    en: 'Cool slide film: crisp contrast, clean blue-cyan cast, dense saturated colour and very fine grain.',
    zh: '冷调反转片：反差利落，干净的蓝青色调，浓郁饱和的色彩，颗粒极细。',
  },
  'look.harbor-400.description': {
    en: 'Warm consumer colour negative: golden skin, soft creamy highlights, lifted shadows, visible but friendly grain.',
    zh: '暖调民用彩色负片：金色的肤色，柔和奶油般的高光，提亮的暗部，颗粒可见却很亲切。',
  },
  'look.meadow-200.description': {
    en: 'Green-shadowed consumer stock: minty shadows, cool foliage, crisp punchy mids and slightly magenta highlights.',
    zh: '暗部偏绿的民用胶卷：薄荷色的阴影，清冷的草木，利落有力的中间调，高光略带品红。',
  },
  'look.moment-square.description': {
    en: 'Instant film in a square white frame: soft, creamy, lifted shadows with a cyan-green cast and warm highlights.',
    zh: '方形白边的拍立得：柔和、奶油感，暗部提亮并带青绿色调，高光偏暖。',
  },
  'look.moment-wide.description': {
    en: 'Wide-format instant print: bright, clean, slightly cool colour with soft highlights in a wide white frame.',
    zh: '宽幅拍立得相纸：明亮、干净、略偏冷的色彩，高光柔和，四周是宽幅白边。',
  },
  'look.nightreel-500t.description': {
    en: 'Tungsten cinema stock: balanced for lamps, teal night shadows, warm practicals ringed by strong red halation, soft bloom.',
    zh: '灯光型电影胶片：为灯光平衡，夜色暗部偏青，暖色灯源周围有浓重的红色光晕，柔和的泛光。',
  },
  'look.nocturne-3200.description': {
    en: "Push-processed black and white: crushed shadows, hard contrast, big rough grain, printed with the film's sprocket edges.",
    zh: '增感冲洗的黑白胶卷：压暗的阴影，硬朗的反差，粗大的颗粒，连同胶片的齿孔边一起印出。',
  },
  'look.pixelmate-99.description': {
    en: 'Late-90s CCD digicam: 1.6 MP, cool daylight, clipped highlights, crunchy sharpening and JPEG blocks, a dot-matrix date.',
    zh: '九十年代末的 CCD 数码相机：160 万像素，偏冷的日光，溢出的高光，生硬的锐化和 JPEG 色块，点阵日期。',
  },
  'look.reel-8.description': {
    en: 'Home-movie cartridge camera: 18 fps, 4:3, warm faded colour, dense grain, soft halation and a weaving gate.',
    zh: '家用胶卷摄影机：每秒 18 帧，4:3 画幅，温暖褪色的色彩，浓密的颗粒，柔和的光晕和晃动的片门。',
  },
  'look.silverline-100.description': {
    en: 'Fine-grain black and white: deep blacks, long silvery midtones, a red-leaning filter that darkens skies.',
    zh: '细颗粒黑白胶卷：深邃的黑，绵长银亮的中间调，偏红的滤镜把天空压暗。',
  },
  'look.snapbox-800.description': {
    en: 'Single-use party camera: harsh built-in flash, dark corners from a plastic lens, punchy colour, an orange date in the corner.',
    zh: '一次性派对相机：生硬的内置闪光，塑料镜头带来的暗角，浓烈的色彩，角落里一行橙色日期。',
  },
  'look.twin-half.description': {
    en: 'Half-frame camera: two tall pictures per frame, shown as a scanned diptych, warm and grainy from the small negative.',
    zh: '半格相机：每格两张竖幅，以扫描的双联画呈现，小底片带来温暖与颗粒感。',
  },
  'look.velvet-160.description': {
    en: 'Portrait negative: gentle contrast, true skin with a hint of peach, pastel greens, wide latitude, fine grain.',
    zh: '人像负片：温和的反差，真实的肤色带一丝蜜桃色，粉彩般的绿，宽容度大，颗粒细腻。',
  },
});

// Source files that carry every kind of metadata an export must control, made with Debian's exiftool and
// ffmpeg (tools that share no code with Darkslide's writer). Values the record model can carry are realistic
// and checked per policy; everything else holds a "LEAK-" marker that no export may ever contain, in its tags
// or anywhere in its bytes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** What the record may carry from the fixtures (kept or dropped per policy). */
export const FIXTURE = {
  latitude: 38.713912,
  longitude: -9.139446,
  altitude: 80,
  photo: { make: 'Canon', model: 'Canon EOS 5D', software: 'Snapseed 2.0', description: 'Tram 28 at dawn', wallClock: '2024:05:01 10:20:30', offset: '+01:00' },
  video: { make: 'Apple', model: 'iPhone 15', software: '17.1', description: 'Tram 28 at dawn', creationDate: '2024:05:01 10:20:30+01:00' },
  /** The instant both were taken. */
  takenAt: '2024-05-01T10:20:30.500+01:00',
};

export const LEAK = 'LEAK-';

function exiftool(args: string[]): void {
  execFileSync('/usr/bin/exiftool', ['-q', '-q', '-overwrite_original', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A Canon maker note: an IFD holding SerialNumber 0x4c45414b ("LEAK") and a CanonModelID, written as the MakerNotes block. */
function canonMakerNote(): Buffer {
  const entries: [number, number, number, number][] = [
    [0x000c, 4, 1, 0x4c45414b],
    [0x0010, 4, 1, 0x80000213],
  ];
  const out = Buffer.alloc(2 + entries.length * 12 + 4);
  out.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    out.writeUInt32LE(value, at + 8);
  });
  return out;
}

const { latitude: lat, longitude: lon, altitude: alt } = FIXTURE;

/**
 * A JPEG as a phone or camera leaves it, and then some: EXIF (with GPS, serials, owner), a Canon maker note,
 * IPTC (by-line, city, keywords), XMP (creator, city, GPS, creator tool), an EXIF thumbnail of other pixels,
 * a Display P3 profile and Orientation 6 (stored on its side: an upright export is 480 wide, 640 high).
 */
export async function richJpeg(dir: string, name = 'rich.jpg', size = { width: 640, height: 480 }): Promise<string> {
  const file = path.join(dir, name);
  const { width, height } = size;
  // A gradient with detail, so encoders have something to do; tagged Display P3.
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x ^ y) & 0xff) >> 1;
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } }).withIccProfile('p3').jpeg({ quality: 90 }).toFile(file);
  const thumb = path.join(dir, `${name}.thumb.jpg`);
  await sharp({ create: { width: 160, height: 120, channels: 3, background: '#ff00ff' } }).jpeg().toFile(thumb);
  const makerNote = path.join(dir, `${name}.makernote.bin`);
  writeFileSync(makerNote, canonMakerNote());
  const p = FIXTURE.photo;
  exiftool([
    `-IFD0:Make=${p.make}`, `-IFD0:Model=${p.model}`, `-IFD0:Software=${p.software}`, `-IFD0:ImageDescription=${p.description}`,
    '-IFD0:Orientation#=6', `-IFD0:Artist=${LEAK}EXIF-ARTIST`, `-IFD0:Copyright=${LEAK}EXIF-COPYRIGHT`, `-IFD0:ModifyDate=${p.wallClock}`,
    `-ExifIFD:DateTimeOriginal=${p.wallClock}`, `-ExifIFD:CreateDate=${p.wallClock}`, `-ExifIFD:OffsetTimeOriginal=${p.offset}`, '-ExifIFD:SubSecTimeOriginal=500',
    `-ExifIFD:BodySerialNumber=${LEAK}BODY-SERIAL`, `-ExifIFD:LensModel=${LEAK}LENS`, `-ExifIFD:OwnerName=${LEAK}OWNER`, `-ExifIFD:UserComment=${LEAK}USERCOMMENT`,
    `-GPS:GPSLatitude=${lat}`, '-GPS:GPSLatitudeRef=N', `-GPS:GPSLongitude=${-lon}`, '-GPS:GPSLongitudeRef=W', `-GPS:GPSAltitude=${alt}`, '-GPS:GPSAltitudeRef=0',
    '-GPS:GPSDateStamp=2024:05:01', '-GPS:GPSTimeStamp=09:20:30', `-GPS:GPSAreaInformation=${LEAK}GPS-AREA`, '-GPS:GPSImgDirection=123.4', '-GPS:GPSSpeed=4.2',
    `-IPTC:By-line=${LEAK}IPTC-BYLINE`, `-IPTC:City=${LEAK}IPTC-CITY`, `-IPTC:Sub-location=${LEAK}IPTC-SUBLOCATION`, `-IPTC:Province-State=${LEAK}IPTC-STATE`,
    `-IPTC:Country-PrimaryLocationName=${LEAK}IPTC-COUNTRY`, `-IPTC:Keywords=${LEAK}IPTC-KEYWORD`, `-IPTC:Caption-Abstract=${LEAK}IPTC-CAPTION`, '-IPTC:DateCreated=2024:05:01',
    `-XMP-dc:Creator=${LEAK}XMP-CREATOR`, `-XMP-dc:Title=${LEAK}XMP-TITLE`, `-XMP-photoshop:City=${LEAK}XMP-CITY`, `-XMP-iptcCore:Location=${LEAK}XMP-LOCATION`,
    `-XMP-xmp:CreatorTool=${LEAK}XMP-TOOL`, `-XMP-exif:GPSLatitude=${lat}`, `-XMP-exif:GPSLongitude=${lon}`, `-XMP-iptcExt:LocationShownCity=${LEAK}XMP-SHOWN-CITY`,
    `-ThumbnailImage<=${thumb}`, `-MakerNotes<=${makerNote}`,
    file,
  ]);
  return file;
}

function ffmpeg(args: string[]): void {
  execFileSync('/usr/bin/ffmpeg', ['-y', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * An MP4 (or MOV) as phones and muxers leave them: H.264 with x264's banner in its SEI, AAC, a cover picture
 * whose EXIF names a person, ffmpeg's Encoder tag, and location everywhere QuickTime keeps it: Keys (Apple),
 * UserData ©xyz (Android), ItemList, XMP and, in the MOV, the 3GPP `loci` atom with its place name.
 */
export async function richVideo(dir: string, name = 'rich.mp4', seconds = 1): Promise<string> {
  const file = path.join(dir, name);
  const cover = path.join(dir, `${name}.cover.jpg`);
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } }).jpeg().toFile(cover);
  exiftool([`-Artist=${LEAK}COVER-ARTIST`, cover]);
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440', '-i', cover,
    '-map', '0', '-map', '1', '-map', '2', '-t', String(seconds),
    '-c:v:0', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-c:v:1', 'copy', '-disposition:v:1', 'attached_pic',
    '-metadata', `title=${LEAK}FFMPEG-TITLE`, '-metadata', `artist=${LEAK}FFMPEG-ARTIST`,
    file,
  ]);
  const v = FIXTURE.video;
  const coordinates = `${lat}, ${lon}, ${alt}`;
  exiftool([
    `-Keys:GPSCoordinates=${coordinates}`, `-Keys:LocationName=${LEAK}KEYS-LOCATIONNAME`, `-Keys:Make=${v.make}`, `-Keys:Model=${v.model}`,
    `-Keys:Software=${v.software}`, `-Keys:CreationDate=${v.creationDate}`, `-Keys:Description=${v.description}`, `-Keys:Author=${LEAK}KEYS-AUTHOR`,
    `-UserData:GPSCoordinates=${coordinates}`, `-UserData:Make=${v.make}`, `-UserData:Artist=${LEAK}UDTA-ARTIST`,
    `-ItemList:GPSCoordinates=${coordinates}`, `-ItemList:Author=${LEAK}ITEMLIST-AUTHOR`, `-ItemList:Comment=${LEAK}ITEMLIST-COMMENT`,
    `-XMP-exif:GPSLatitude=${lat}`, `-XMP-exif:GPSLongitude=${lon}`, `-XMP-dc:Creator=${LEAK}XMP-CREATOR`,
    ...(name.endsWith('.mov') ? [`-UserData:LocationInformation=${LEAK}LOCI Role=shooting Lat=${lat} Lon=${lon} Alt=${alt} Body=earth Notes=${LEAK}LOCI-NOTES`] : []),
    '-QuickTime:CreateDate=2024:05:01 09:20:30',
    file,
  ]);
  return file;
}

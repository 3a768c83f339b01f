import type { CSSProperties, ReactNode } from 'react';
import { aspectCropSize } from '../../../main/shared/looks/math.ts';
import type { PrintPreviewT as PrintPreview, StampPreviewT as StampPreview } from '../../../main/shared/looks/preview.ts';

export type { PrintPreviewT as PrintPreview, StampPreviewT as StampPreview } from '../../../main/shared/looks/preview.ts';

type Props = {
  /** The camera frame the canvas shows, in pixels. */
  frame: { width: number; height: number } | null;
  /** The centre crop the photo keeps (landscape form), or null. */
  aspect: string | null;
  print: PrintPreview | null;
  stamp: StampPreview | null;
  /** The saved photo is the mirror image of what is shown: its bottom right corner is on the left here. */
  stampOnLeft: boolean;
  /** The canvas, filling the camera frame. */
  picture: ReactNode;
  /** Overlays that cover the picture as the photo keeps it (grid, shutter blink). */
  children?: ReactNode;
  /**
   * The canvas shows frames main already developed (a recording): cropped, framed and imprinted. They take the
   * place of what they replace, so the framing does not move when recording starts: the kept crop's place
   * without a print, the whole print with one.
   */
  developed?: boolean;
  /**
   * A half-frame camera in photo mode: the print holds two pictures, one per press. `next` is the half the
   * next press fills (the live picture is there); `first` the first half already taken (an image URL).
   */
  halves?: { next: 0 | 1; first: string | null; label: string; otherLabel: string; hint: string } | null;
};

const percent = (value: number) => `${(value * 100).toFixed(4)}%`;

/**
 * The viewfinder as the photo will come out: with a framed look, the picture sits in its print (instant
 * border, 35 mm rebate with sprocket holes, half-frame pair) cropped to what the photo keeps; the date
 * imprint is drawn where and as the still gets it. The tree is the same with or without a frame, so the
 * canvas (which the WebGL renderer holds) is never remounted.
 */
export function LookFrame({ frame, aspect, print, stamp, stampOnLeft, picture, children, developed = false, halves = null }: Props) {
  const width = frame?.width ?? 16;
  const height = frame?.height ?? 9;
  const kept = aspectCropSize(width, height, aspect);
  const keptX = (width - kept.width) / 2;
  const keptY = (height - kept.height) / 2;
  // The print is laid out for a landscape picture (a portrait camera shows the crop without it), or for the
  // half-frame camera's tall half, which is tall however the camera is held.
  const shownPrint = print && (kept.width >= kept.height || print.pair) ? print : null;

  // A half-frame pair: the print is both halves wide, the live picture in the half the next press fills.
  const pair = shownPrint?.pair && halves && !developed ? shownPrint.pair : null;
  const printWidth = pair ? pair.width : (shownPrint?.width ?? 1);
  const slotLeft = (index: 0 | 1) => (index === 1 && pair ? pair.secondLeft : (shownPrint?.left ?? 0)) / printWidth;
  const boxAspect = shownPrint ? printWidth / shownPrint.height : width / height;
  const hole = shownPrint
    ? { left: slotLeft(halves && pair ? halves.next : 0), top: shownPrint.top / shownPrint.height, width: shownPrint.pictureWidth / printWidth, height: shownPrint.pictureHeight / shownPrint.height }
    : { left: 0, top: 0, width: 1, height: 1 };
  const otherSlot = pair && halves ? { left: slotLeft(halves.next === 1 ? 0 : 1), top: hole.top, width: hole.width, height: hole.height } : null;
  // Inside the hole, the camera frame is placed so that the kept crop fills it exactly.
  const inner = shownPrint
    ? { left: -keptX / kept.width, top: -keptY / kept.height, width: width / kept.width, height: height / kept.height }
    : { left: 0, top: 0, width: 1, height: 1 };
  // Developed frames: with a print, a frame is the whole print; without, it is the kept crop.
  const developedBox = shownPrint ? { left: 0, top: 0, width: 1, height: 1 } : { left: keptX / width, top: keptY / height, width: kept.width / width, height: kept.height / height };
  const whole = { left: 0, top: 0, width: 1, height: 1 };
  const shownHole = developed ? developedBox : hole;
  const shownInner = developed ? whole : inner;

  let stampMarks: ReactNode = null;
  if (stamp && !developed) {
    const short = Math.min(kept.width, kept.height);
    const scale = (short * stamp.glyphShare) / stamp.glyph;
    const margin = short * stamp.marginShare;
    const x = stampOnLeft ? keptX + margin : keptX + kept.width - margin - stamp.width * scale;
    const y = keptY + kept.height - margin - stamp.height * scale;
    const glyphs = (
      <g stroke={stamp.colour} strokeWidth={stamp.stroke} strokeLinecap="round" fill="none">
        {stamp.shapes.map((shape, i) =>
          'line' in shape ? (
            <line key={i} x1={shape.line[0]} y1={shape.line[1]} x2={shape.line[2]} y2={shape.line[3]} />
          ) : (
            <circle key={i} cx={shape.dot[0]} cy={shape.dot[1]} r={shape.dot[2]} stroke="none" fill={stamp.colour} />
          ),
        )}
      </g>
    );
    stampMarks = (
      <svg className="look-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" data-testid="stamp-preview">
        <defs>
          <filter id="stamp-glow" x="-20%" y="-20%" width="140%" height="140%">
            <feGaussianBlur stdDeviation={0.12 * stamp.glyph} />
          </filter>
        </defs>
        <g transform={`translate(${x} ${y}) scale(${scale})`}>
          <g filter="url(#stamp-glow)" opacity={0.7}>
            {glyphs}
          </g>
          <g opacity={0.92}>{glyphs}</g>
        </g>
      </svg>
    );
  }

  return (
    <div className="frame-box" style={{ '--aspect': String(boxAspect), background: shownPrint?.background } as CSSProperties} data-print={shownPrint ? 'true' : 'false'}>
      {/* The print's edge text is part of the picture, exactly as the photo gets it: data, not a UI string. */}
      {shownPrint && !developed && (
        <svg className="look-overlay" viewBox={`0 0 ${shownPrint.width} ${shownPrint.height}`} preserveAspectRatio="none" aria-hidden="true" data-testid="print-preview" data-user-data>
          {shownPrint.marks.map((mark, i) =>
            mark.kind === 'rect' ? (
              <rect key={i} x={mark.x} y={mark.y} width={mark.width} height={mark.height} rx={mark.rx} fill={mark.fill} />
            ) : (
              <text
                key={i}
                x={mark.rotate ? 0 : mark.x}
                y={mark.rotate ? 0 : mark.y}
                transform={mark.rotate ? `translate(${mark.x} ${mark.y}) rotate(90)` : undefined}
                fontFamily="DejaVu Sans, sans-serif"
                fontWeight="bold"
                fontSize={mark.size}
                fill={mark.fill}
              >
                {mark.text}
              </text>
            ),
          )}
        </svg>
      )}
      {otherSlot && halves && (
        <div
          className={halves.first && halves.next === 1 ? 'half-slot taken' : 'half-slot'}
          style={{ left: percent(otherSlot.left), top: percent(otherSlot.top), width: percent(otherSlot.width), height: percent(otherSlot.height) }}
          data-testid="half-slot"
          title={halves.hint}
        >
          {halves.first && halves.next === 1 ? <img src={halves.first} alt={halves.otherLabel} data-testid="half-first" /> : <span className="half-label">{halves.otherLabel}</span>}
          {/* What happens to a half never paired, said where the half is. */}
          <span className="half-hint">{halves.hint}</span>
        </div>
      )}
      {/* One tree however the frames come (the canvas, which the WebGL renderer holds, is never remounted). */}
      <div className="print-hole" style={{ left: percent(shownHole.left), top: percent(shownHole.top), width: percent(shownHole.width), height: percent(shownHole.height) }}>
        <div className="print-picture" style={{ left: percent(shownInner.left), top: percent(shownInner.top), width: percent(shownInner.width), height: percent(shownInner.height) }} data-developed={developed ? 'true' : 'false'}>
          {picture}
          {stampMarks}
        </div>
        {children}
        {pair && halves && (
          <span className="half-badge" data-testid="half-badge" data-next={halves.next} title={halves.hint}>
            {halves.label}
          </span>
        )}
      </div>
    </div>
  );
}

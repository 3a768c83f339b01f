/**
 * Splits ffmpeg's `-f mpjpeg` output into JPEG frames using each part's Content-length header, so the
 * JPEG bytes are never scanned for markers (a JPEG can contain the boundary text by chance).
 */
export class MpjpegParser {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private expectedBody: number | undefined;
  private readonly onFrame: (jpeg: Buffer) => void;
  private static readonly MAX_HEADER = 4096;

  constructor(onFrame: (jpeg: Buffer) => void) {
    this.onFrame = onFrame;
  }

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    for (;;) {
      if (this.expectedBody === undefined) {
        const head = this.peek(Math.min(this.pendingLength, MpjpegParser.MAX_HEADER));
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.pendingLength >= MpjpegParser.MAX_HEADER) throw new Error('mpjpeg: part header too long or stream is not mpjpeg');
          return;
        }
        const header = head.subarray(0, end).toString('latin1');
        const m = /content-length:\s*(\d+)/i.exec(header);
        if (!m) throw new Error(`mpjpeg: part without Content-length: ${JSON.stringify(header.slice(0, 200))}`);
        this.consume(end + 4);
        this.expectedBody = Number(m[1]);
      }
      // Each body is followed by CRLF before the next boundary; wait for it so the next header starts clean.
      if (this.pendingLength < this.expectedBody + 2) return;
      const body = this.take(this.expectedBody);
      this.consume(2);
      this.expectedBody = undefined;
      this.onFrame(body);
    }
  }

  private peek(n: number): Buffer {
    if (this.pending.length === 1 || (this.pending[0] && this.pending[0].length >= n)) return this.pending[0]!.subarray(0, n);
    const merged = Buffer.concat(this.pending, this.pendingLength);
    this.pending = [merged];
    return merged.subarray(0, n);
  }

  private take(n: number): Buffer {
    const merged = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingLength);
    const out = Buffer.from(merged.subarray(0, n));
    const rest = merged.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingLength = rest.length;
    return out;
  }

  private consume(n: number): void {
    let left = n;
    while (left > 0 && this.pending.length) {
      const first = this.pending[0]!;
      if (first.length <= left) {
        left -= first.length;
        this.pending.shift();
      } else {
        this.pending[0] = first.subarray(left);
        left = 0;
      }
    }
    this.pendingLength -= n;
  }
}

/**
 * Reads fixed-size raw frames (rgb24) but only copies bytes while someone wants a frame: the still branch
 * runs all the time and most frames are discarded without a copy.
 */
export class RawFrameReader {
  readonly frameSize: number;
  private offsetInFrame = 0;
  private target: Buffer | undefined;
  private wantNext = false;
  private readonly onFrame: (frame: Buffer) => void;
  private readonly keepLatest: boolean;
  private spare: Buffer | undefined;
  private latest: { frame: Buffer; at: number } | undefined;
  framesSeen = 0;

  /**
   * With keepLatest, every frame is assembled into one of two reused buffers so the newest complete frame is
   * always at hand (zero shutter lag); the cost is one memcpy per frame and two frame-sized buffers.
   */
  constructor(frameSize: number, onFrame: (frame: Buffer) => void, options: { keepLatest?: boolean } = {}) {
    this.frameSize = frameSize;
    this.onFrame = onFrame;
    this.keepLatest = options.keepLatest ?? false;
  }

  /** A copy of the newest complete frame and when it completed, if any arrived yet. */
  latestFrame(): { frame: Buffer; at: number } | undefined {
    return this.latest ? { frame: Buffer.from(this.latest.frame), at: this.latest.at } : undefined;
  }

  /** Ask for the next frame that starts after this call (a frame already half-received is skipped). */
  requestFrame(): void {
    this.wantNext = true;
  }


  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.offsetInFrame === 0 && (this.wantNext || this.keepLatest) && !this.target) {
        if (!this.keepLatest) this.wantNext = false;
        this.target = this.keepLatest && this.spare ? this.spare : Buffer.allocUnsafe(this.frameSize);
        this.spare = undefined;
      }
      const n = Math.min(this.frameSize - this.offsetInFrame, chunk.length - pos);
      if (this.target) chunk.copy(this.target, this.offsetInFrame, pos, pos + n);
      this.offsetInFrame += n;
      pos += n;
      if (this.offsetInFrame === this.frameSize) {
        this.offsetInFrame = 0;
        this.framesSeen++;
        const done = this.target;
        this.target = undefined;
        if (done && this.keepLatest) {
          this.spare = this.latest?.frame;
          this.latest = { frame: done, at: Date.now() };
          if (this.wantNext) {
            this.wantNext = false;
            this.onFrame(Buffer.from(done));
          }
        } else if (done) {
          this.onFrame(done);
        }
      }
    }
  }
}

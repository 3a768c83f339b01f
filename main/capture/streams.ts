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

export type StillFrame = { raw: Buffer; width: number; height: number; channels: 3; at: Date };

/**
 * The shutter's side of a capture process: full-resolution rgb24 frames from one pipe. 'latest' keeps the
 * newest frame at hand, so a press returns the picture the user was looking at with no wait; 'next' always
 * waits for a frame completed after the press.
 */
export class StillTap {
  readonly #reader: RawFrameReader;
  readonly #size: { width: number; height: number };
  readonly #stillFps: number;
  readonly #waiters: Array<{ resolve: (f: StillFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }> = [];

  constructor(size: { width: number; height: number }, options: { stillFps: number; shutter: 'latest' | 'next' }) {
    this.#size = size;
    this.#stillFps = options.stillFps;
    this.#reader = new RawFrameReader(size.width * size.height * 3, (raw) => {
      const at = new Date();
      const waiters = this.#waiters.splice(0);
      for (const w of waiters) {
        clearTimeout(w.timer);
        // Each caller owns its buffer: a later edit by one must not show up in another's photo.
        w.resolve({ raw: waiters.length > 1 ? Buffer.from(raw) : raw, ...this.#size, channels: 3, at });
      }
    }, { keepLatest: options.shutter === 'latest' });
  }

  push(chunk: Buffer): void {
    this.#reader.push(chunk);
  }

  /** A frame no older than one still interval, else the next one; `timeout` makes the error for a late one. */
  take(timeoutMs: number, timeout: () => Error): Promise<StillFrame> {
    const latest = this.#reader.latestFrame();
    if (latest && Date.now() - latest.at <= 1000 / this.#stillFps + 50) {
      return Promise.resolve({ raw: latest.frame, ...this.#size, channels: 3 as const, at: new Date(latest.at) });
    }
    return new Promise<StillFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.#waiters.findIndex((w) => w.timer === timer);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(timeout());
      }, timeoutMs);
      this.#waiters.push({ resolve, reject, timer });
      this.#reader.requestFrame();
    });
  }

  rejectAll(error: Error): void {
    for (const w of this.#waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }
}

export type FrameInfo = { seq: number; width: number; height: number; at: number; dropped: number };

/**
 * Hands preview JPEGs to a consumer without ever queueing them: while a returned promise is pending, frames
 * are dropped (counted in `dropped`). A consumer that never settles gets frames again after 2 s rather than
 * freezing the viewfinder for good; one that throws does not stop the camera.
 */
export function frameDelivery(size: { width: number; height: number }, onFrame: (jpeg: Buffer, info: FrameInfo) => void | Promise<unknown>): (jpeg: Buffer) => void {
  let seq = 0;
  let dropped = 0;
  let busy = false;
  let busySince = 0;
  return (jpeg) => {
    seq++;
    if (busy && Date.now() - busySince < 2000) {
      dropped++;
      return;
    }
    try {
      const result = onFrame(jpeg, { seq, width: size.width, height: size.height, at: Date.now(), dropped });
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        busy = true;
        busySince = Date.now();
        (result as Promise<unknown>).then(
          () => (busy = false),
          () => (busy = false),
        );
      }
    } catch {
      // A throwing consumer must not kill the camera.
    }
  };
}

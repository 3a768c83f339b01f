// pino-roll ships no types; this is the part of its options Darkslide uses (see its README).
declare module 'pino-roll' {
  import type { SonicBoom } from 'sonic-boom';
  type Options = {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
    mkdir?: boolean;
    sync?: boolean;
    mode?: number;
  };
  export default function pinoRoll(options: Options): Promise<SonicBoom>;
}

// heic-decode 2.x ships no types: what its default export does (libheif via WebAssembly; RGBA out, oriented).
declare module 'heic-decode' {
  function decode(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  export default decode;
}

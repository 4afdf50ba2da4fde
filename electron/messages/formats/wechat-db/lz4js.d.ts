// lz4js (ISC, pure JavaScript) ships no types: the two block functions Relink uses.
declare module 'lz4js' {
  /** Decodes one raw LZ4 block; returns the end index in dst (past dst.length when dst was too small). */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  /** Encodes one raw LZ4 block; returns its length (0: not compressible). */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  export function compressBound(n: number): number;
}

// Pixels for generated camera pictures: a smooth gradient plus some noise, so their JPEGs compress
// (and decode) like real photos rather than flat colour. Shared by the photo benches.

/** Deterministic for a seed: the same bench run makes the same files. */
export function photoLikePixels(seed: number, width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < px.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    px[i] = ((i / 3) % width) / 12 + (((i / 3 / width) | 0) % 200) / 3 + (x & 0x3f);
  }
  return px;
}

// Pixels for generated camera pictures: a smooth gradient plus some noise, so their JPEGs compress
// (and decode) like real photos rather than flat colour, their unique copies and WeChat-style XOR
// .dat versions. Shared by the photo benches.

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

/** A unique copy of a JPEG: a COM segment right after SOI carrying `tag` and the picture number. */
export function jpegVariant(base: Buffer, n: number, tag: string): Buffer {
  const text = Buffer.from(`${tag}-${n}`);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]);
}

/** Every byte XORed with one key, as WeChat's older .dat pictures are. */
export function xorBytes(b: Buffer, key: number): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[i]! ^ key;
  return out;
}

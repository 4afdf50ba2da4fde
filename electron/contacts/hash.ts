// A small, fast, dependency-free 64-bit string hash (cyrb53's mixing, both lanes kept).
// Record keys and person ids are built from it and are persisted (decisions, re-add progress),
// so this function must NEVER change: changing it would change every stored id.

export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex8(h2) + hex8(h1);
}

function hex8(n: number): string {
  const hex = (n >>> 0).toString(16);
  return hex.length === 8 ? hex : '0000000'.slice(hex.length - 1) + hex;
}

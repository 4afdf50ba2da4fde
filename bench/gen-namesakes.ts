// A phone's address book with common Chinese names, so namesakes (merge proposals) are as common as
// in life: the merge review benches (backend and through Chromium) and the 10k review e2e share it.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲燕春';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 10k cards as a phone exports them; names from a small pool, so namesakes are common (as in life). */
export function addressBook(n: number): string {
  const random = rng(12);
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  const cards: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : '');
    const tel = random() < 0.8 ? `TEL;TYPE=CELL:1${pick('3456789')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}\r\n` : '';
    const org = random() < 0.1 ? `ORG:${pick('腾讯阿里华为')}\r\n` : '';
    cards.push(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\n${tel}${org}END:VCARD\r\n`);
  }
  return cards.join('');
}

// Generates large vCard files as phones write them, for the import and merge benchmarks.
//   '3.0'    : iOS/Google style UTF-8 vCard 3.0 with groups, labels, escaped notes.
//   '2.1-qp' : Android style vCard 2.1, names and notes as CHARSET=UTF-8 quoted-printable with soft breaks.
// Deterministic: the same (n, flavor) always gives the same bytes.
import { closeSync, openSync, writeSync } from 'node:fs';

export type VcardFlavor = '3.0' | '2.1-qp';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕春菊凤洁梅琳云莲雪荣爱香月';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick(s: string, r: () => number): string {
  return [...s][Math.floor(r() * [...s].length)]!;
}

/** Quoted-printable of UTF-8 text with soft line breaks every ~70 characters, as Android writes it. */
function qpFold(text: string, prefixLength: number): string {
  const encoded = [...Buffer.from(text, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  const lines: string[] = [];
  let cur = '';
  let limit = 74 - prefixLength;
  for (const e of encoded) {
    if (cur.length + e.length > limit) {
      lines.push(`${cur}=`);
      cur = '';
      limit = 74;
    }
    cur += e;
  }
  lines.push(cur);
  return lines.join('\r\n');
}

function card(i: number, flavor: VcardFlavor, r: () => number): string {
  const family = pick(SURNAMES, r);
  const given = pick(GIVEN, r) + (r() < 0.6 ? pick(GIVEN, r) : '');
  const mobile = `1${3 + Math.floor(r() * 6)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
  const note = `第${i}位联系人，${family}${given}的备注：大学同学，住在北京市海淀区中关村大街${i % 300}号`;
  if (flavor === '3.0') {
    return [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
      `N:${family};${given};;;`,
      `FN:${family}${given}`,
      `item1.TEL;type=pref:+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      'item1.X-ABLabel:_$!<Mobile>!$_',
      `EMAIL;type=INTERNET;type=HOME:user${i}@example.com`,
      `NOTE:${note.replace(/，/g, '\\, ')}`,
      `X-WECHAT-ID:wx_${i.toString(36)}`,
      'CATEGORIES:同学,朋友',
      'END:VCARD',
      '',
    ].join('\r\n');
  }
  const nProp = 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:';
  const fnProp = 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:';
  const noteProp = 'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:';
  return [
    'BEGIN:VCARD',
    'VERSION:2.1',
    `${nProp}${qpFold(family, nProp.length)};${qpFold(given, 0)};;;`,
    `${fnProp}${qpFold(family + given, fnProp.length)}`,
    `TEL;CELL:${mobile}`,
    `TEL;HOME:010-${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
    `${noteProp}${qpFold(note, noteProp.length)}`,
    'END:VCARD',
    '',
  ].join('\r\n');
}

/** Writes `n` cards to `path`; returns the file size in bytes. */
export function generateVcardFile(path: string, n: number, flavor: VcardFlavor): number {
  const r = rng(n * 7 + (flavor === '3.0' ? 1 : 2));
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let batch: string[] = [];
    for (let i = 0; i < n; i++) {
      batch.push(card(i, flavor, r));
      if (batch.length === 1000 || i === n - 1) {
        bytes += writeSync(fd, Buffer.from(batch.join(''), 'utf8'));
        batch = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

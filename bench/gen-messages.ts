// Generated chat sentences for the message benchmarks: Chinese words with Latin words and numbers
// mixed in, from a fixed seed so every run sees the same texts; MemoTrace per-chat CSV folders of them.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const WORDS = ('我们 你们 今天 明天 晚上 周末 一起 吃饭 火锅 生日 快乐 工作 加班 回家 孩子 学校 老师 作业 妈妈 爸爸 朋友 同学 电话 号码 微信 照片 视频 ' +
  '看看 出去 旅游 北京 上海 广州 深圳 成都 天气 下雨 开心 谢谢 不好意思 没问题 好的 收到 哈哈 知道 觉得 什么 时候 地方 超市 买菜 医院 身体 健康 ' +
  '注意 休息 春节 中秋 红包 转账 快递 地址 公司 开会 项目 客户 合同 发票 报销 电影 音乐 游戏 手机 电脑 充电 密码 银行 机票 火车 高铁 酒店').split(' ');
export const LATIN = ['ok', 'hello', 'meeting', 'iphone', 'wifi', 'ppt', 'email', '2024', '13800138000', 'lol'];

let seed = 42;
export const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

export function sentence(): string {
  const n = 2 + rand(8);
  let s = '';
  for (let i = 0; i < n; i++) s += rand(12) === 0 ? ` ${LATIN[rand(LATIN.length)]} ` : WORDS[rand(WORDS.length)];
  return rand(3) === 0 ? `${s}，${WORDS[rand(WORDS.length)]}${WORDS[rand(WORDS.length)]}` : s;
}


/** 200 queries of 2–4 Han characters cut from the given texts (`stride` spreads the picks). */
export function cjkQueries(texts: string[], stride = 1): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 200; i++) {
    const chars = Array.from(texts[(i * stride) % texts.length]!).filter((ch) => /\p{Script=Han}/u.test(ch));
    const len = 2 + (i % 3);
    if (chars.length < len) continue;
    const at = rand(chars.length - len + 1);
    out.push(chars.slice(at, at + len).join(''));
  }
  return out;
}

/** 200 substrings of the Latin words and numbers in the messages, `min`–`max` characters, from any position. */
export function latinQueries(min: number, max: number): string[] {
  const out: string[] = [];
  while (out.length < 200) {
    const word = LATIN[rand(LATIN.length)]!;
    const len = min + rand(max - min + 1);
    if (word.length < len) continue;
    const at = rand(word.length - len + 1);
    out.push(word.slice(at, at + len));
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const strTime = (sec: number): string => {
  const d = new Date(sec * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/**
 * `total` messages as MemoTrace per-chat CSVs (`<remark>(<wxid>)/<remark>_utf8.csv`, BOM, CRLF) in
 * `chats` folders under `dir`; returns the files, their bytes and one text in 5000 (for queries).
 */
export async function writeMemoTraceChats(dir: string, total: number, chats: number): Promise<{ files: string[]; bytes: number; samples: string[] }> {
  const perChat = Math.ceil(total / chats);
  const files: string[] = [];
  const samples: string[] = [];
  let bytes = 0;
  const start = Date.UTC(2016, 0, 1) / 1000;
  for (let c = 0; c < chats; c++) {
    const name = `联系人${c}`;
    const folder = join(dir, `${name}(wxid_${c})`);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${name}_utf8.csv`);
    const out = createWriteStream(file);
    let chunk = '\uFEFFlocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n';
    let t = start + rand(86400 * 30);
    for (let i = 0; i < perChat; i++) {
      t += 1 + rand(8 * 3600);
      const self = rand(2);
      const text = sentence();
      if (rand(5000) === 0) samples.push(text);
      chunk += `${i + 1},${c},1,0,${self},${t},,${text},${strTime(t)},${self ? '' : name},${self ? '我' : name},${self ? 'wxid_me' : `wxid_${c}`}\r\n`;
      if (chunk.length > 1 << 20) {
        bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        chunk = '';
      }
    }
    bytes += Buffer.byteLength(chunk);
    out.end(chunk);
    await new Promise<void>((r) => out.once('finish', () => r()));
    files.push(file);
  }
  return { files, bytes, samples };
}

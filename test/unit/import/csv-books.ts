// Generators of contact tables the way people and WeChat tools write them, with the name each row
// must show once imported. Shared by the column-role tests and the preview tests.
import iconv from 'iconv-lite';

/** Small seeded PRNG (mulberry32): the same seed gives the same book. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

function shuffle<T>(rnd: () => number, items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '子涵', '一鸣'];
/** Notes as people write them in Excel: commas, semicolons, quotes and line breaks included. */
export const NOTES = [
  '大学室友, 住在上海; 喜欢打球', '老家', '同事', '借过我 500 元', '"老王"的表弟', '孩子的班主任\n周三下午有空', '装修师傅，电话常打不通',
  '2019 年在杭州认识', 'met at the conference', '客户', '邻居, 3 号楼',
];
const NICKS = ['Sunny', '🌙小月', '阿明', 'Leo', '风一样的男子', '木子', 'Coco', '大熊', 'K.', '一只猫'];
const REMARKS = ['老同学张伟', '王姐(楼下)', '表哥', '刘总 装修', '妈妈', '小李-健身', 'Amy 英语老师', '陈医生'];

export interface GeneratedBook {
  /** What the generator made, for failure messages. */
  kind: string;
  header: string[];
  bytes: Buffer;
  /** Per data row (file order): the name the person must show, and the note/nickname that row keeps. */
  rows: { name: string; note?: string; nickname?: string }[];
}

/** A CSV cell as Excel and Python's csv module write it: quoted only when it must be. */
function cell(value: string, quoteAll: boolean): string {
  return quoteAll || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(header: string[], rows: string[][], opts: { quoteAll?: boolean; eol?: string } = {}): string {
  const eol = opts.eol ?? '\r\n';
  return [header, ...rows].map((r) => r.map((v) => cell(v, opts.quoteAll ?? false)).join(',')).join(eol) + eol;
}

function encode(text: string, encoding: 'gb18030' | 'utf-8-bom' | 'utf-8'): Buffer {
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  return Buffer.from(encoding === 'utf-8-bom' ? `\ufeff${text}` : text, 'utf8');
}

function uniquePeople(rnd: () => number, count: number): { family: string; given: string }[] {
  const seen = new Set<string>();
  const out: { family: string; given: string }[] = [];
  while (out.length < count) {
    const p = { family: pick(rnd, FAMILY), given: pick(rnd, GIVEN) };
    const key = p.family + p.given;
    if (seen.has(key) && seen.size < FAMILY.length * GIVEN.length) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

const phoneOf = (i: number) => `1${pick(random(i), ['38', '39', '50', '86', '77'])}${String(10_000_000 + i * 7919).slice(-8)}`;

type Column = { header: string; value: (row: number) => string };

/**
 * An address book made in Excel on a Chinese PC: a name (one column, or family + given), a phone,
 * sometimes a WeChat ID, e-mail, label or nickname, and a note column under one of its many
 * names, in any order, saved as GB18030 ("CSV (逗号分隔)") or UTF-8 with a BOM ("CSV UTF-8").
 */
export function excelBook(seed: number): GeneratedBook {
  const rnd = random(seed);
  const count = 8 + Math.floor(rnd() * 40);
  const people = uniquePeople(rnd, count);
  const notes = people.map(() => (rnd() < 0.5 ? pick(rnd, NOTES) : ''));
  const nicks = people.map(() => (rnd() < 0.4 ? pick(rnd, NICKS) : ''));
  const columns: Column[] = [];
  const split = pick(rnd, [undefined, ['姓', '名'], ['姓氏', '名字'], ['Last Name', 'First Name'], ['Family Name', 'Given Name']] as const);
  if (split) {
    columns.push({ header: split[0], value: (r) => people[r]!.family }, { header: split[1], value: (r) => people[r]!.given });
  } else {
    columns.push({ header: pick(rnd, ['姓名', '名字', '联系人', '联系人姓名', '全名', 'Name', '称呼']), value: (r) => people[r]!.family + people[r]!.given });
  }
  columns.push({ header: pick(rnd, ['手机号码', '手机', '电话', '联系电话', '手机号', 'Mobile', '电话号码']), value: (r) => phoneOf(seed * 1000 + r) });
  columns.push({ header: pick(rnd, ['备注', '说明', 'notes', 'Notes', '备注信息', 'Remarks', 'Remark', 'Memo', '备忘', '附注', '备注1']), value: (r) => notes[r]! });
  const withNick = rnd() < 0.3;
  if (withNick) columns.push({ header: pick(rnd, ['昵称', '微信昵称', 'Nickname']), value: (r) => nicks[r]! });
  if (rnd() < 0.6) columns.push({ header: pick(rnd, ['微信号', '微信', '微信ID']), value: (r) => (r % 3 === 0 ? '' : `wx_${seed}_${r}`) });
  if (rnd() < 0.5) columns.push({ header: pick(rnd, ['电子邮件', '邮箱', 'Email', 'E-mail']), value: (r) => (r % 2 ? `p${seed}_${r}@example.com` : '') });
  if (rnd() < 0.5) columns.push({ header: pick(rnd, ['标签', '分组', '类别']), value: (r) => pick(random(r), ['同学', '同事', '家人', '']) });
  const order = shuffle(rnd, columns);
  const header = order.map((c) => c.header);
  const rows = people.map((_, r) => order.map((c) => c.value(r)));
  const encoding = rnd() < 0.5 ? 'gb18030' : 'utf-8-bom';
  return {
    kind: `excel ${encoding} [${header.join(',')}]`,
    header,
    bytes: encode(csvText(header, rows), encoding),
    rows: people.map((p, r) => ({
      name: p.family + p.given,
      note: notes[r] || undefined,
      nickname: withNick ? nicks[r] || undefined : undefined,
    })),
  };
}

interface Friend {
  wxid: string;
  alias: string;
  nickname: string;
  remark: string;
}

function friends(rnd: () => number, seed: number): Friend[] {
  const count = 5 + Math.floor(rnd() * 30);
  return Array.from({ length: count }, (_, r) => ({
    wxid: `wxid_${seed.toString(36)}${r}x${Math.floor(rnd() * 1e6).toString(36)}`,
    alias: rnd() < 0.6 ? `wx${seed}_${r}` : '',
    nickname: `${pick(rnd, NICKS)}${r}`,
    // A remark given to some friends only, now and then the same one twice (two 表哥).
    remark: rnd() < 0.6 ? `${pick(rnd, REMARKS)}${rnd() < 0.85 ? r : ''}` : '',
  }));
}

const shown = (f: Friend) => ({ name: f.remark || f.nickname, nickname: f.nickname });

/** WeChat friend lists as the exporters write them (see ../shared/reference/export-formats.md §1). */
export const WECHAT_LISTS = ['memotrace', 'chatlog', 'weflow', 'xghao', 'pywxdump-table', 'hand-made'] as const;

export function wechatList(seed: number, kind: (typeof WECHAT_LISTS)[number]): GeneratedBook {
  const rnd = random(seed);
  const list = friends(rnd, seed);
  const book = (header: string[], rows: string[][], bytes: Buffer): GeneratedBook => ({
    kind: `${kind} [${header.join(',')}]`,
    header,
    bytes,
    rows: list.map(shown),
  });
  switch (kind) {
    case 'memotrace': {
      // WeChatMsg output.py contact_to_csv: utf-8-sig, minimal quoting, CRLF.
      const header = ['UserName', 'Alias', 'Type', 'Remark', 'NickName', 'PYInitial', 'RemarkPYInitial', 'smallHeadImgUrl', 'bigHeadImgUrl', 'label', 'gender', 'telephone', 'signature', 'country/region', 'province', 'city'];
      const rows = list.map((f) => [f.wxid, f.alias, '3', f.remark, f.nickname, 'X', '', 'https://wx.qlogo.cn/s', 'https://wx.qlogo.cn/b', 'None', '未知', '', '', 'CN', 'Guangdong', 'Shenzhen']);
      return book(header, rows, encode(csvText(header, rows), 'utf-8-bom'));
    }
    case 'chatlog': {
      // sjzar/chatlog /api/v1/contact?format=csv: unquoted, no BOM, \n.
      const header = ['UserName', 'Alias', 'Remark', 'NickName'];
      const rows = list.map((f) => [f.wxid, f.alias, f.remark, f.nickname.replace(/,/g, ' ')]);
      return book(header, rows, encode([header, ...rows].map((r) => r.join(',')).join('\n') + '\n', 'utf-8'));
    }
    case 'weflow': {
      // WeFlow contactExportService: BOM, every cell quoted, \n; 显示名称 = remark || nickname.
      const header = ['用户名', '显示名称', '备注', '昵称', '微信号', '标签', '描述', '个性签名', '地区', '类型'];
      const rows = list.map((f) => [f.wxid, f.remark || f.nickname, f.remark, f.nickname, f.alias, '朋友 | 同学', '', '', '广东 深圳', '好友']);
      return book(header, rows, encode(csvText(header, rows, { quoteAll: true, eol: '\n' }), 'utf-8-bom'));
    }
    case 'xghao': {
      // XgHao/WeChat-Contact: unquoted, "-" for empty, GB18030 as AutoHotkey writes on a Chinese PC.
      const header = ['备注', '昵称', '微信号', '地区', '标签', '个性签名', '元数据'];
      const rows = list.map((f) => [f.remark || '-', f.nickname.replace(/,/g, ' '), f.alias || f.wxid, '广东 深圳', '-', '-', '-']);
      return book(header, rows, encode([header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'gb18030'));
    }
    case 'pywxdump-table': {
      // PyWxDump users.json keys, turned into a table by the user (any order).
      const columns: Column[] = [
        { header: 'wxid', value: (r) => list[r]!.wxid },
        { header: 'nickname', value: (r) => list[r]!.nickname },
        { header: 'remark', value: (r) => list[r]!.remark },
        { header: 'account', value: (r) => list[r]!.alias },
        { header: 'describe', value: () => pick(rnd, ['', '大学同学']) },
      ];
      const order = shuffle(rnd, columns);
      const header = order.map((c) => c.header);
      const rows = list.map((_, r) => order.map((c) => c.value(r)));
      return book(header, rows, encode(csvText(header, rows), 'utf-8-bom'));
    }
    case 'hand-made': {
      // A friend list copied out of WeChat into Excel by hand: synonyms, any order, either encoding.
      const columns: Column[] = [
        { header: pick(rnd, ['微信号', '微信', 'WeChat ID', 'wxid']), value: (r) => list[r]!.alias || list[r]!.wxid },
        { header: pick(rnd, ['昵称', '微信昵称', 'nickname', 'NickName']), value: (r) => list[r]!.nickname },
        { header: pick(rnd, ['备注', '备注名', 'Remark', '微信备注', 'remark name']), value: (r) => list[r]!.remark },
      ];
      if (rnd() < 0.5) columns.push({ header: pick(rnd, ['标签', '分组']), value: () => pick(rnd, ['同学', '']) });
      const order = shuffle(rnd, columns);
      const header = order.map((c) => c.header);
      const rows = list.map((_, r) => order.map((c) => c.value(r)));
      return book(header, rows, encode(csvText(header, rows), rnd() < 0.5 ? 'gb18030' : 'utf-8-bom'));
    }
  }
}

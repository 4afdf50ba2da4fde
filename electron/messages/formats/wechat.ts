// What WeChat exports have in common: message type codes, the XML inside app messages,
// placeholder words in text exports, and local times without a zone.
import type { MessageKind } from '../../../shared/types';
import { isNoticeKind, type ParsedMessage } from '../model';

/** Sub types of the 10000 system message that are recall notices (`<sysmsg type="revokemsg">`). */
const RECALL_SUB_TYPES = new Set([1, 5, 6, 33, 36, 57]);

/** Kind of a WeChat message from its Type and SubType (MSG table codes, used by MemoTrace and WeFlow). */
export function kindFromWeChatType(type: number, subType = 0): MessageKind {
  switch (type) {
    case 1:
      return 'text';
    case 3:
      return 'image';
    case 34:
      return 'voice';
    case 42:
      return 'contact';
    case 43:
    case 62:
      return 'video';
    case 47:
      return 'sticker';
    case 48:
      return 'location';
    case 50:
      return 'call';
    case 10000:
      if (subType === 4) return 'pat';
      if (RECALL_SUB_TYPES.has(subType)) return 'recall';
      return 'system';
    case 0:
    case 10002: // sysmsg: a recall notice ("X" 撤回了一条消息) and other notices
      return 'system';
    case 49:
      if (subType === 62) return 'pat'; // 拍一拍 (a pat) is also an app message of subtype 62
      if (subType === 6) return 'file';
      if (subType === 57) return 'quote';
      if (subType === 19 || subType === 40) return 'forward';
      if (subType === 2000) return 'transfer';
      if (subType === 2001 || subType === 2003) return 'redPacket';
      return 'link';
    default:
      return 'other';
  }
}

/** PyWxDump's Chinese type names. */
export function kindFromTypeName(name: string): MessageKind {
  const table: [RegExp, MessageKind][] = [
    [/^文本/, 'text'],
    [/引用/, 'quote'],
    [/图片/, 'image'],
    [/语音通话|视频通话|通话/, 'call'],
    [/语音/, 'voice'],
    [/视频/, 'video'],
    [/表情/, 'sticker'],
    [/位置/, 'location'],
    [/文件/, 'file'],
    [/合并转发|聊天记录/, 'forward'],
    [/转账/, 'transfer'],
    [/红包/, 'redPacket'],
    [/名片/, 'contact'],
    [/撤回/, 'recall'], // the recall notice, not the recalled message
    [/拍一拍/, 'pat'],
    [/系统/, 'system'],
    [/链接|卡片|分享|小程序|音乐/, 'link'],
  ];
  for (const [re, kind] of table) if (re.test(name)) return kind;
  return 'other';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()]!,
  );

function xmlTag(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${tag}>`).exec(xml);
  return m ? unescapeXml(m[1]!).trim() : undefined;
}

/** Readable text of an app message (link, file, reply) stored as XML; replies also give what they quote. */
export function appMessageText(xml: string): { text: string; replyTo?: ParsedMessage['replyTo']; sourceUrl?: string } {
  if (!/<(msg|appmsg)[\s>]/.test(xml)) return { text: xml };
  const title = xmlTag(xml, 'title') ?? '';
  const refer = /<refermsg>([\s\S]*?)<\/refermsg>/.exec(xml)?.[1];
  if (refer) {
    return {
      text: title,
      replyTo: { sourceId: xmlTag(refer, 'svrid'), sender: xmlTag(refer, 'displayname'), text: xmlTag(refer, 'content') },
    };
  }
  const url = xmlTag(xml, 'url');
  const des = xmlTag(xml, 'des');
  return { text: [title, des, url].filter(Boolean).join('\n'), sourceUrl: url };
}

/** The sub type an app message's XML names (`<appmsg><type>`): one source reads it there instead of SubType. */
export function appMessageType(xml: string): number | undefined {
  const m = /<appmsg[\s>][\s\S]*?<type>(\d+)<\/type>/.exec(xml);
  return m ? Number(m[1]) : undefined;
}

/**
 * Kind, text and quote of a WeChat message from its Type, SubType and content (StrContent, or the
 * XML unpacked from CompressContent), the same for every reader of the MSG table's codes, so one
 * chat read from a database and from a MemoTrace export gives the same text (and is not doubled).
 */
export function typedWeChatMessage(type: number, subType: number, content: string): { kind: MessageKind; text: string; replyTo?: ParsedMessage['replyTo'] } {
  const coded = kindFromWeChatType(type, subType);
  if (type === 49 && !isNoticeKind(coded)) {
    const app = appMessageText(content);
    return { kind: coded, text: app.text, replyTo: app.replyTo };
  }
  if (isNoticeKind(coded)) {
    const text = noticeText(content);
    // The XML or the words say what the notice is when the sub type does not (MemoTrace writes 0).
    return { kind: sysmsgKind(content) ?? weChatNoticeKind(text) ?? coded, text };
  }
  if (coded === 'voice') return { kind: coded, text: voiceDuration(content) };
  return { kind: coded, text: coded === 'text' ? content : '' };
}

/** A voice message's length as WeChat shows it beside the bubble (`3″`), from `<voicemsg voicelength="ms">`; '' when unknown. */
export function voiceDuration(content: string): string {
  const ms = Number(/<voicemsg\b[^>]*\svoicelength="(\d+)"/.exec(content)?.[1]);
  return Number.isFinite(ms) && ms > 0 ? `${Math.max(1, Math.round(ms / 1000))}″` : '';
}

/** What a `<sysmsg type="…">` is: a pat or a recall notice. */
function sysmsgKind(content: string): 'pat' | 'recall' | undefined {
  const type = /^\s*<sysmsg[^>]*\stype="([^"]+)"/.exec(content)?.[1];
  return type === 'pat' ? 'pat' : type === 'revokemsg' ? 'recall' : undefined;
}

/**
 * Notices WeChat writes into a chat (pats, recalls, joins, invitations, renames, "you added X"):
 * text exports put them under a person's name or the chat's, but they are no one's message.
 */
const PAT_NOTICES = [/^(?:"[^"\n]{1,64}"|“[^”\n]{1,64}”|你|我)\s*拍了拍/, /^(?:"[^"\n]{1,64}"|You) patted/];
const RECALL_NOTICES = [/^(?:"[^"\n]{1,64}"|“[^”\n]{1,64}”|你|我)\s*撤回了一条消息/, /^(?:"[^"\n]{1,64}"|You) recalled a message/];
const WECHAT_NOTICES = [
  ...PAT_NOTICES,
  ...RECALL_NOTICES,
  /^(?:"[^"\n]{1,64}"|你)\s*(?:邀请|通过扫描)[^\n]{0,200}加入(?:了)?群聊/,
  /^(?:"[^"\n]{1,64}"|你)\s*(?:修改群名为|将[^\n]{1,200}移出了群聊|已成为新群主)/,
  /^"[^"\n]{1,64}"\s*(?:加入了群聊|已退出群聊)/,
  /^你已添加了[^\n]{1,64}，现在可以开始聊天了。?$/,
  /^以上是打招呼的内容$/,
  /^(?:"[^"\n]{1,64}"|You) (?:invited|joined|removed)[^\n]{0,200}group chat/,
  /^[^\n]{1,64}(?:开启了朋友验证，你还不是他（她）朋友|与群里其他人都不是朋友关系，请注意隐私安全)/,
  /^消息已发出，但被对方拒收了。?$/,
];

export const isWeChatNotice = (text: string): boolean => WECHAT_NOTICES.some((re) => re.test(text.trim()));

/** The kind of a notice written as words: a pat, a recall notice, another notice; undefined for a person's message. */
export function weChatNoticeKind(text: string): 'pat' | 'recall' | 'system' | undefined {
  const t = text.trim();
  if (PAT_NOTICES.some((re) => re.test(t))) return 'pat';
  if (RECALL_NOTICES.some((re) => re.test(t))) return 'recall';
  return WECHAT_NOTICES.some((re) => re.test(t)) ? 'system' : undefined;
}

/** The words of a WeChat system message: the sysmsg XML of a recall says them in <replacemsg>, a pat in <title>. */
export function noticeText(content: string): string {
  if (!/^\s*</.test(content)) return content;
  return xmlTag(content, 'replacemsg') ?? xmlTag(content, 'title') ?? xmlTag(content, 'content') ?? content;
}

/** Placeholders that text exports write instead of media. */
export function kindFromPlaceholder(text: string): MessageKind | undefined {
  const m = /^\[(图片|语音|视频|表情包|动画表情|文件|音乐分享|位置|名片|转账|红包|链接|聊天记录|通话|语音通话|视频通话)\]/.exec(text.trim());
  if (!m) return undefined;
  const map: Record<string, MessageKind> = {
    图片: 'image', 语音: 'voice', 视频: 'video', 表情包: 'sticker', 动画表情: 'sticker', 文件: 'file', 音乐分享: 'link', 位置: 'location',
    名片: 'contact', 转账: 'transfer', 红包: 'redPacket', 链接: 'link', 聊天记录: 'forward', 通话: 'call', 语音通话: 'call', 视频通话: 'call',
  };
  return map[m[1]!];
}

/** "YYYY-MM-DD HH:MM:SS" (or with /) as local wall-clock time of this machine, in epoch ms. */
export function localDateTime(text: string): number | undefined {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  if (date.getMonth() !== mo! - 1 || date.getDate() !== d || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return date.getTime();
}

export const isGroupId = (id: string): boolean => id.endsWith('@chatroom');

/** Chat of a MemoTrace export from its folder (`<remark>/` or `<remark>(<wxid>)/`) and file name. */
export function memotraceChatFromPath(label: string, suffix: RegExp): { name: string; wxid?: string } {
  const parts = label.split(/[\\/]/);
  const file = parts[parts.length - 1] ?? label;
  const folder = parts[parts.length - 2] ?? '';
  const fromFolder = /^(.*)\(([^()]+)\)$/.exec(folder);
  const fromFile = file.replace(suffix, '');
  if (fromFolder) return { name: fromFolder[1]!.trim() || fromFile, wxid: fromFolder[2]! };
  return { name: fromFile };
}

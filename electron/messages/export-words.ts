// The words a chat export writes around the messages, in the user's language (zh-CN first): an
// exported chat is read without the app, so nothing in it may be an internal name ("image",
// "wechat", "private") or English under a Chinese UI. The page's catalogs hold the same words
// (renderer/screens/messages/messages.ts); the backend cannot read those.
import type { ChatKind, Locale, MessageKind, Platform } from '../../shared/types';

export interface ExportWords {
  kinds: Record<MessageKind, string>;
  platforms: Record<Platform, string>;
  chatKinds: Record<ChatKind, string>;
  /** "[image: photos/a.jpg]" and its parts. */
  media(kind: string, path?: string): string;
  notIncluded: string;
  replyTo(name: string, text: string): string;
  /** Heading line of a text export: "name (platform, private/group)". */
  heading(name: string, platform: string, kind: string): string;
}

export const EXPORT_WORDS: Record<Locale, ExportWords> = {
  'zh-CN': {
    kinds: {
      text: '文字',
      image: '图片',
      voice: '语音',
      video: '视频',
      file: '文件',
      sticker: '表情',
      link: '链接',
      location: '位置',
      contact: '名片',
      system: '系统消息',
      call: '通话',
      transfer: '转账',
      redPacket: '红包',
      forward: '聊天记录',
      recall: '撤回的消息',
      quote: '引用',
      pat: '拍一拍',
      other: '其他消息',
    },
    platforms: { wechat: '微信', weibo: '微博', xianyu: '闲鱼', telegram: 'Telegram', whatsapp: 'WhatsApp', other: '其他' },
    chatKinds: { private: '单聊', group: '群聊' },
    media: (kind, path) => `[${kind}${path ? `：${path}` : ''}]`,
    notIncluded: '导出中未包含',
    replyTo: (name, text) => `[回复 ${name}：${text}]`,
    heading: (name, platform, kind) => `${name}（${platform}，${kind}）`,
  },
  en: {
    kinds: {
      text: 'Text',
      image: 'Picture',
      voice: 'Voice message',
      video: 'Video',
      file: 'File',
      sticker: 'Sticker',
      link: 'Link',
      location: 'Location',
      contact: 'Contact card',
      system: 'System message',
      call: 'Call',
      transfer: 'Transfer',
      redPacket: 'Red packet',
      forward: 'Forwarded chat',
      recall: 'Recalled message',
      quote: 'Quote',
      pat: 'Pat',
      other: 'Other message',
    },
    platforms: { wechat: 'WeChat', weibo: 'Weibo', xianyu: 'Xianyu', telegram: 'Telegram', whatsapp: 'WhatsApp', other: 'Other' },
    chatKinds: { private: 'one-to-one', group: 'group' },
    media: (kind, path) => `[${kind}${path ? `: ${path}` : ''}]`,
    notIncluded: 'not included in the export',
    replyTo: (name, text) => `[reply to ${name}: ${text}]`,
    heading: (name, platform, kind) => `${name} (${platform}, ${kind})`,
  },
};

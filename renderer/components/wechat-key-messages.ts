// Words of the optional WeChat 4.x picture key field (WechatImageKeyField.tsx), shared by the chat
// and photo imports.
import { defineMessages } from '../i18n/define';

export const wechatKeyMessages = defineMessages(
  {
    'wechatKey.label': '微信 4.x 图片密钥（可选）',
    'wechatKey.hint': '只有当你自己记下过原账号的图片密钥时才填写，用来打开新版微信加密的图片。Relink 不会去找密钥，也不会保存它。',
    'wechatKey.invalid': '密钥应为 16 个字符或 32 位十六进制数字。',
  },
  {
    'wechatKey.label': 'WeChat 4.x picture key (optional)',
    'wechatKey.hint': 'Only if you noted your old account’s picture key yourself: it opens pictures newer WeChat encrypted. Relink never looks for keys and does not keep this one.',
    'wechatKey.invalid': 'The key is 16 characters or 32 hex digits.',
  },
);

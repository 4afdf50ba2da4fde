// "微信 3.x 数据库：1,412 位好友，38 个群，6 个消息文件": what a dropped folder of decrypted WeChat
// databases holds, said the same way in the contact preview and the chat import.
import type { WechatDbRecognition } from '../../shared/types';
import type { Translate } from '../i18n/i18n';

export function wechatDbText(t: Translate, r: WechatDbRecognition): string {
  const version = t(`wechatDb.version.${r.version}`);
  if (r.friends === undefined) return t('wechatDb.recognizedNoContacts', { version, files: r.messageFiles });
  return t('wechatDb.recognized', { version, friends: r.friends, groups: r.groups ?? 0, files: r.messageFiles });
}

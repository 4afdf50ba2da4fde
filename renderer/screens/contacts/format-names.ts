// Contact file formats in people's words ("MemoTrace 导出的微信好友（CSV）"), never the internal
// names the importers use ("wechat-memotrace", "csv-generic").
import type { ContactFormat } from '../../../shared/types';
import { defineMessages } from '../../i18n/define';
import type { MessageKey, Translate } from '../../i18n/i18n';

export const contactFormatMessages = defineMessages(
  {
    'contacts.formatName.vcard': '通讯录名片（vCard）',
    'contacts.formatName.csv-google': 'Google 通讯录（CSV）',
    'contacts.formatName.csv-outlook': 'Outlook 联系人（CSV）',
    'contacts.formatName.csv-thunderbird': 'Thunderbird 通讯录（CSV）',
    'contacts.formatName.csv-generic': '表格（CSV / Excel）',
    'contacts.formatName.wechat-memotrace': '留痕 MemoTrace 导出的微信好友',
    'contacts.formatName.wechat-wechatexporter': 'WechatExporter 导出的微信好友',
    'contacts.formatName.wechat-weflow-csv': 'WeFlow 导出的微信好友（CSV）',
    'contacts.formatName.wechat-weflow-json': 'WeFlow 导出的微信好友（JSON）',
    'contacts.formatName.wechat-pywxdump': 'PyWxDump 导出的微信好友',
    'contacts.formatName.wechat-chatlog': 'chatlog 导出的微信好友',
    'contacts.formatName.wechat-db': '解密后的微信数据库',
    'contacts.formatName.telegram': 'Telegram 导出（result.json）',
    'contacts.formatName.unknown': '无法识别',
  },
  {
    'contacts.formatName.vcard': 'Address book cards (vCard)',
    'contacts.formatName.csv-google': 'Google Contacts (CSV)',
    'contacts.formatName.csv-outlook': 'Outlook contacts (CSV)',
    'contacts.formatName.csv-thunderbird': 'Thunderbird address book (CSV)',
    'contacts.formatName.csv-generic': 'Spreadsheet (CSV / Excel)',
    'contacts.formatName.wechat-memotrace': 'WeChat friends exported by MemoTrace',
    'contacts.formatName.wechat-wechatexporter': 'WeChat friends exported by WechatExporter',
    'contacts.formatName.wechat-weflow-csv': 'WeChat friends exported by WeFlow (CSV)',
    'contacts.formatName.wechat-weflow-json': 'WeChat friends exported by WeFlow (JSON)',
    'contacts.formatName.wechat-pywxdump': 'WeChat friends exported by PyWxDump',
    'contacts.formatName.wechat-chatlog': 'WeChat friends exported by chatlog',
    'contacts.formatName.wechat-db': 'Decrypted WeChat database',
    'contacts.formatName.telegram': 'Telegram export (result.json)',
    'contacts.formatName.unknown': 'Not recognised',
  },
);

export const contactFormatName = (t: Translate, format: ContactFormat | 'unknown'): string => t(`contacts.formatName.${format}` as MessageKey);

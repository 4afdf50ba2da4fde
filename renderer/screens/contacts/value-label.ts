// A phone's or e-mail's label in the reader's language. The importers give the usual kinds as
// lower-case English words ("mobile", "home fax"; vCard TYPEs, CSV headers) and Apple's built-in
// ones capitalised ("Mobile", "HomeFAX"); a label made only of such words is translated, any
// other (one the user typed, "大学宿舍") is shown as it is.
import type { Locale } from '../../../shared/types';

const ZH: Record<string, string> = {
  mobile: '手机',
  cell: '手机',
  iphone: 'iPhone',
  home: '住宅',
  work: '工作',
  fax: '传真',
  homefax: '住宅传真',
  workfax: '工作传真',
  otherfax: '其他传真',
  pager: '寻呼机',
  main: '主要',
  other: '其他',
  car: '车载',
  isdn: 'ISDN',
  video: '视频',
  modem: '调制解调器',
  msg: '留言',
  bbs: 'BBS',
  personal: '个人',
  school: '学校',
};

export function labelText(label: string, locale: Locale): string {
  if (locale !== 'zh-CN') return label;
  const words = label.trim().toLowerCase().split(/\s+/);
  const translated = words.map((w) => ZH[w]);
  return translated.every((w) => w !== undefined) ? translated.join('') : label;
}

// What a spreadsheet column means, from its header: Chinese and English synonyms, the headers of
// Google, Outlook (English, German, French, Chinese) and Thunderbird exports.
import type { ColumnMapping, ContactField } from '../types';

export interface ColumnRule {
  field: ContactField;
  /** Fixed label for phones/e-mails, e.g. "mobile" for "Mobile Phone". */
  label?: string;
  /** Google's "Phone 1 - Label" column that names the value of "Phone 1 - Value". */
  labelColumn?: number;
  /** How several labels share one cell when it is not the usual comma/::: list (WechatExporter: spaces). */
  separator?: RegExp;
}

/**
 * Traditional characters of the header words below, read as their simplified forms: Taiwan, Hong
 * Kong and Macau phones and Outlook/Excel in zh-TW write 手機, 電話號碼, 備註, 暱稱, 電子郵件, 聯絡人.
 * Only the characters these headers use (a header is a few words, not prose to convert).
 */
const TRADITIONAL = new Map(
  [...'機號碼電話動郵備註暱稱顯聯繫係絡網標籤組類別單織說釋錄戶帳賬門職務區頁頭間傳尋業訊圖'].map((c, i) => [c, '机号码电话动邮备注昵称显联系系络网标签组类别单织说释录户帐账门职务区页头间传寻业讯图'[i]!]),
);

function simplified(h: string): string {
  let out = '';
  for (const c of h) out += TRADITIONAL.get(c) ?? c;
  return out;
}

/** Lower-case, simplified characters, no spaces, dashes, underscores, dots, colons or trailing numbers. */
export function normalizeHeader(h: string): string {
  return simplified(h)
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-_.:：()（）#/]+/g, '')
    .replace(/\d+$/, '');
}

const EXACT: Record<string, ContactField> = {};
function synonyms(field: ContactField, words: string[]): void {
  for (const w of words) EXACT[normalizeHeader(w)] = field;
}
synonyms('name', [
  '姓名', '名字', '名称', '显示名称', '显示名', '联系人', '联系人姓名', '联系人名称', '联络人', '全名', '称呼',
  'name', 'full name', 'fullname', 'display name', 'contact', 'contact name', 'formatted name', 'fn',
  'anzeigename', 'nom complet',
]);
synonyms('givenName', ['名', '名字(名)', 'first name', 'firstname', 'given name', 'givenname', 'forename', 'vorname', 'prénom', 'prenom']);
synonyms('familyName', ['姓', '姓氏', 'last name', 'lastname', 'family name', 'surname', 'nachname', 'nom', 'nom de famille']);
synonyms('nickname', ['昵称', '微信昵称', '网名', 'nickname', 'nick', 'nick name', 'spitzname', 'surnom']);
synonyms('remark', ['备注', '备注名', '备注名称', '微信备注', '好友备注', 'remark', 'remark name']);
synonyms('phone', [
  '手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '移动电话', '联系方式', '手机电话', '号码',
  'phone', 'mobile', 'cell', 'telephone', 'tel', 'phone number', 'mobile phone', 'mobile number', 'handy',
  'mobiltelefon', 'telefon', 'téléphone', 'portable', 'tél mobile',
]);
synonyms('email', [
  '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', '电子邮件地址', 'email', 'e-mail', 'mail',
  'email address', 'e-mail address', 'primary email', 'secondary email', 'e-mail-adresse', 'courriel',
  'adresse de messagerie',
]);
synonyms('wechatId', ['微信', '微信号', '微信id', '微信账号', '微信帐号', 'wechat', 'wechat id', 'wechatid', 'weixin', 'alias']);
synonyms('wxid', ['wxid', 'username', 'user name', '用户名', '原始id', '原始微信id']);
synonyms('label', ['标签', '分组', '类别', '群组', '组', 'group', 'groups', 'label', 'labels', 'tag', 'tags', 'category', 'categories', 'group membership', 'kategorien', 'catégories']);
synonyms('org', ['公司', '单位', '工作单位', '组织', '公司名称', 'company', 'organization', 'organisation', 'org', 'organization name', 'firma', 'société']);
synonyms('note', [
  '说明', '附注', '描述', '注释', '备忘', '备忘录', 'note', 'notes', 'comment', 'comments', 'remarks', 'description', 'notizen',
  'memo', 'memos', 'describe',
]);
synonyms('qq', ['qq', 'qq号', 'qq号码', 'qq账号']);

const IGNORE_WORDS = /type|label|display|title|department|abteilung|部门|职务|职位|birthday|生日|address|地址|street|city|zip|postal|country|region|地区|web|url|网站|网页|photo|头像|yomi|phonetic|prefix|suffix|middle|additional|中间名|性别|gender|签名|signature/;

function containsRule(h: string): ContactField | undefined {
  if (/mail|邮箱|邮件|courriel|messagerie/.test(h)) return /type|display|类型/.test(h) ? 'ignore' : 'email';
  if (/微信|wechat|weixin/.test(h)) return /昵称|nick/.test(h) ? 'nickname' : 'wechatId';
  if (/^qq|qq$/.test(h)) return 'qq';
  if (IGNORE_WORDS.test(h)) return undefined;
  if (/phone|mobile|cell|tel|fax|pager|手机|电话|传真|寻呼|handy|téléphone|portable/.test(h)) return 'phone';
  if (/昵称/.test(h)) return 'nickname';
  if (/公司|单位|company|organi[sz]ation|firma|société/.test(h)) return 'org';
  if (/姓名|名称/.test(h)) return 'name';
  if (/备注/.test(h)) return 'remark';
  if (/note|notiz|附注|说明/.test(h)) return 'note';
  if (/标签|分组|label|tag|categor|kategor/.test(h)) return 'label';
  return undefined;
}

export function labelFromHeader(header: string): string | undefined {
  const h = simplified(header).toLowerCase();
  if (/mobile|cell|手机|移动|handy|mobil|portable/.test(h)) return 'mobile';
  if (/fax|传真/.test(h)) return 'fax';
  if (/pager|寻呼/.test(h)) return 'pager';
  if (/home|住宅|家庭|privat|domicile/.test(h)) return 'home';
  if (/business|work|工作|商务|单位|geschäft|gesch|bureau|travail/.test(h)) return 'work';
  if (/other|其他|weitere|autre/.test(h)) return 'other';
  return undefined;
}

/** Google "Phone 1 - Value": pairs with "Phone 1 - Label" (current) or "Phone 1 - Type" (legacy). */
const GOOGLE_PAIR = /^(e-mail|email|phone|organization|im|website) (\d+) - (.+)$/i;

export function ruleForHeader(header: string, index: number, headers: string[], hasFamilyColumn: boolean): ColumnRule {
  const g = GOOGLE_PAIR.exec(header.trim());
  if (g) {
    const kind = g[1]!.toLowerCase();
    const part = g[3]!.toLowerCase();
    const labelIdx = headers.findIndex((x) => new RegExp(`^${g[1]} ${g[2]} - (label|type)$`, 'i').test(x.trim()));
    const labelColumn = labelIdx >= 0 ? labelIdx : undefined;
    if (part === 'value' && (kind === 'e-mail' || kind === 'email')) return { field: 'email', labelColumn };
    if (part === 'value' && kind === 'phone') return { field: 'phone', labelColumn };
    if (part === 'name' && kind === 'organization') return { field: 'org' };
    return { field: 'ignore' };
  }
  const h = normalizeHeader(header);
  let field: ContactField | undefined = EXACT[h];
  // Thunderbird zh-CN writes 名字 (given name) beside 姓氏 (family name).
  if (field === 'name' && h === '名字' && hasFamilyColumn) field = 'givenName';
  field ??= containsRule(h) ?? 'ignore';
  if (field === 'phone' || field === 'email') return { field, label: labelFromHeader(header) };
  return { field };
}

export function rulesForHeaders(headers: string[]): ColumnRule[] {
  const normalized = headers.map(normalizeHeader);
  const hasFamily = normalized.some((h) => EXACT[h] === 'familyName');
  return settleContextualColumns(normalized, headers.map((h, i) => ruleForHeader(h, i, headers, hasFamily)));
}

/** Headers that say "the name the user gave this friend" in their own words: a remark wherever they are. */
const REMARK_NAME_HEADERS = new Set(['备注名', '备注名称', '微信备注', '好友备注', 'remark name', 'remarkname'].map(normalizeHeader));
/** Name columns that exporters fill from the remark or nickname (WeFlow 显示名称, Thunderbird Display Name). */
const DISPLAY_NAME_HEADERS = new Set(['显示名称', '显示名', 'display name', 'anzeigename', 'formatted name', 'fn'].map(normalizeHeader));
const NAME_FIELDS: ReadonlySet<ContactField> = new Set(['name', 'givenName', 'familyName']);

/**
 * Roles that only the whole header decides (issue 11: a note must never become a name).
 *
 * A bare 备注 / Remark column means two different things. In a WeChat friend list (a WeChat ID or
 * wxid column and no column of people's own names: MemoTrace, chatlog, WeFlow, XgHao, PyWxDump
 * users.json turned into a table) it is the remark name the user gave that friend, which WeChat
 * shows instead of the nickname: keep it as the remark. In an address book made by a person
 * (姓名/Name/First+Last…, or at least a nickname column to name the row) it is a note, such as
 * "大学室友, 住在上海": read it as one. Only a header with nothing else that could name a row
 * (`手机,备注`) keeps it as the remark, since it is then the one name the user wrote; the import
 * preview shows which column each name came from and warns when one value names many rows.
 *
 * `account` is PyWxDump's name for the WeChat ID (Alias); it means that only beside a wxid column.
 */
function settleContextualColumns(normalized: string[], rules: ColumnRule[]): ColumnRule[] {
  const has = (test: (field: ContactField, h: string) => boolean) => rules.some((r, i) => test(r.field, normalized[i]!));
  const personalName = has((f, h) => NAME_FIELDS.has(f) && !DISPLAY_NAME_HEADERS.has(h));
  const anyName = has((f) => NAME_FIELDS.has(f) || f === 'nickname');
  const wxidColumn = has((f) => f === 'wxid');
  const wechatList = !personalName && has((f) => f === 'wechatId' || f === 'wxid');
  const bareRemark: ContactField = wechatList || !anyName ? 'remark' : 'note';
  return rules.map((rule, i) => {
    const h = normalized[i]!;
    if (rule.field === 'remark' && !REMARK_NAME_HEADERS.has(h)) return { ...rule, field: bareRemark };
    if (rule.field === 'ignore' && h === 'account' && wxidColumn) return { ...rule, field: 'wechatId' };
    return rule;
  });
}

/**
 * Suggested column -> field mapping for any spreadsheet, for the UI to show and the user to correct.
 * Unrecognized columns are `ignore`.
 */
export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  rulesForHeaders(headers).forEach((r, i) => {
    mapping[i] = r.field;
  });
  return mapping;
}

/** Fields that can identify or name a person; a CSV needs at least one of them. */
export const IDENTITY_FIELDS: ReadonlySet<ContactField> = new Set([
  'name', 'givenName', 'familyName', 'nickname', 'remark', 'phone', 'email', 'wechatId', 'wxid', 'qq',
]);

export function mappingIsUsable(mapping: ColumnMapping): boolean {
  return Object.values(mapping).some((f) => IDENTITY_FIELDS.has(f));
}

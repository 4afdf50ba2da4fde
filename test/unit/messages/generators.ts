// Generators that write chat exports the way the real apps do, for classes the shared corpus has no
// real file of: WhatsApp "Export chat" text from Android and iOS phones in several locales (date
// order, 12/24-hour clock, bracketed iOS headers with the chat's name on its notices and U+200E
// marks), MemoTrace CSV rows with WeChat notices, and Telegram Desktop JSON.

/** How one phone writes a header: Android "date, time - " or iOS "[date, time] ", in its locale's date form. */
export interface WhatsAppStyle {
  platform: 'android' | 'ios';
  /** Date form: day first, month first (US), or year first (zh-CN, ja). */
  order: 'dmy' | 'mdy' | 'ymd';
  separator: '/' | '.' | '-';
  /** Two- or four-digit year. */
  yearDigits: 2 | 4;
  hour12: boolean;
  /** How 12-hour clocks say AM/PM: English "PM" after (with U+202F on newer Android), Chinese 下午 before. */
  halfWords?: 'latin' | 'zh';
}

export const STYLES = {
  androidUs: { platform: 'android', order: 'mdy', separator: '/', yearDigits: 2, hour12: true, halfWords: 'latin' },
  androidUk: { platform: 'android', order: 'dmy', separator: '/', yearDigits: 4, hour12: false },
  androidDe: { platform: 'android', order: 'dmy', separator: '.', yearDigits: 2, hour12: false },
  androidZh: { platform: 'android', order: 'ymd', separator: '/', yearDigits: 4, hour12: true, halfWords: 'zh' },
  iosUk12: { platform: 'ios', order: 'dmy', separator: '/', yearDigits: 4, hour12: true, halfWords: 'latin' },
  iosUs12: { platform: 'ios', order: 'mdy', separator: '/', yearDigits: 2, hour12: true, halfWords: 'latin' },
  iosDe: { platform: 'ios', order: 'dmy', separator: '.', yearDigits: 2, hour12: false },
} satisfies Record<string, WhatsAppStyle>;

/** The end-to-end encryption notice as WhatsApp writes it in a few of its locales. */
export const ENCRYPTION_NOTICES: Record<string, string> = {
  en: 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
  enOld: 'Messages to this group are now secured with end-to-end encryption. Tap for more info.',
  de: 'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.',
  es: 'Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.',
  fr: 'Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter.',
  ru: 'Сообщения и звонки защищены сквозным шифрованием. Третьи лица, включая WhatsApp, не могут прочитать ваши сообщения или прослушать звонки.',
  zh: '消息和通话都进行端到端加密。对话之外的任何人，甚至包含 WhatsApp，都无法读取或收听。',
  zhTw: '訊息和通話經端對端加密。對話以外的任何人 (即使是 WhatsApp) 均無法查看或聆聽那些內容。',
  ja: 'メッセージと通話はエンドツーエンド暗号化されています。チャットの参加者以外は、たとえWhatsAppでも読んだり聞いたりすることはできません。',
  ko: '메시지 및 전화는 종단간 암호화되어 안전합니다. 아무도 엿보거나 들을 수 없습니다. WhatsApp에게도 이러한 권한이 없습니다.',
  pt: 'As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta e ficam somente entre você e os participantes desta conversa. Nem mesmo o WhatsApp pode ler ou ouvi-las.',
  it: 'I messaggi e le chiamate sono crittografati end-to-end. Nessuno al di fuori di questa chat, nemmeno WhatsApp, può leggerne o ascoltarne il contenuto.',
  nl: 'Berichten en gesprekken worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen of beluisteren, zelfs WhatsApp niet.',
  tr: 'Mesajlar ve aramalar uçtan uca şifrelidir. WhatsApp da dahil olmak üzere bu sohbetin dışında bulunan hiç kimse mesaj ve aramalarınızı okuyamaz ve dinleyemez.',
  id: 'Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.',
  ar: 'الرسائل والمكالمات مشفرة تمامًا بين الطرفين، بحيث لا يستطيع أحد خارج هذه الدردشة، ولا حتى شركة واتساب نفسها، قراءتها أو الاستماع إليها.',
  hi: 'मैसेजेस और कॉल्स एंड-टू-एंड एन्क्रिप्टेड हैं. इस चैट में शामिल लोगों के अलावा कोई भी इन्हें पढ़ या सुन नहीं सकता, WhatsApp भी नहीं.',
  pl: 'Wiadomości i połączenia są w pełni zaszyfrowane. Nikt spoza czatu, nawet WhatsApp, nie może ich odczytać ani odsłuchać.',
  vi: 'Tin nhắn và cuộc gọi được mã hóa đầu cuối. Những người bên ngoài cuộc trò chuyện này, kể cả WhatsApp, sẽ không đọc hoặc nghe được.',
  th: 'ข้อความและการโทรได้รับการเข้ารหัสจากต้นทางถึงปลายทาง ผู้ที่ไม่ได้อยู่ในแชทนี้จะไม่สามารถอ่านหรือฟังได้แม้แต่ WhatsApp เอง',
  he: 'ההודעות והשיחות מוצפנות מקצה-לקצה. לאף אחד מחוץ לצ\'אט זה, גם לא ל-WhatsApp, אין אפשרות לקרוא אותן או להאזין להן.',
  uk: 'Повідомлення й дзвінки захищено наскрізним шифруванням. Прочитати чи прослухати їх не зможе жодна стороння особа, навіть із WhatsApp.',
  sv: 'Meddelanden och samtal är komplett krypterade. Ingen utanför denna chatt, inte ens WhatsApp, kan läsa dem eller lyssna på dem.',
  cs: 'Zprávy a hovory jsou opatřeny koncovým šifrováním. Nikdo, kdo není přímým účastníkem této konverzace, ji nemůže sledovat ani poslouchat. Dokonce ani WhatsApp.',
  fi: 'Viestit ja puhelut salataan täysin. Kukaan tämän keskustelun ulkopuolinen, ei edes WhatsApp, voi lukea tai kuunnella niitä.',
  hu: 'Az üzenetek és hívások végpontok közötti titkosítással vannak védve. A csevegés résztvevőin kívül senki, még a WhatsApp sem tudja elolvasni és meghallgatni azokat.',
};

const p2 = (n: number): string => String(n).padStart(2, '0');

/** The header stamp of a local time in a style, e.g. "03/11/2023, 9:15:02 PM". */
export function whatsappStamp(d: Date, style: WhatsAppStyle): string {
  const y = style.yearDigits === 4 ? String(d.getFullYear()) : p2(d.getFullYear() % 100);
  const day = p2(d.getDate());
  const month = p2(d.getMonth() + 1);
  const date = style.order === 'dmy' ? [day, month, y] : style.order === 'mdy' ? [month, day, y] : [y, String(d.getMonth() + 1), String(d.getDate())];
  const seconds = style.platform === 'ios' ? `:${p2(d.getSeconds())}` : '';
  let time: string;
  if (!style.hour12) time = `${p2(d.getHours())}:${p2(d.getMinutes())}${seconds}`;
  else {
    const h = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
    const pm = d.getHours() >= 12;
    time = style.halfWords === 'zh' ? `${pm ? '下午' : '上午'}${h}:${p2(d.getMinutes())}${seconds}` : `${h}:${p2(d.getMinutes())}${seconds}${style.platform === 'android' ? '\u202f' : ' '}${pm ? 'PM' : 'AM'}`;
  }
  return `${date.join(style.separator)}${style.order === 'ymd' ? ' ' : ', '}${time}`;
}

export interface WhatsAppLine {
  at: Date;
  /** Absent: a notice WhatsApp wrote (no sender). */
  author?: string;
  text: string;
}

/**
 * A whole export: Android writes notices without a name; iOS writes them under the chat's name with
 * U+200E before the text (and before the line when it carries an attachment).
 */
export function whatsappExport(style: WhatsAppStyle, lines: WhatsAppLine[], chatTitle = 'Chat'): string {
  const out = lines.map((l) => {
    const stamp = whatsappStamp(l.at, style);
    if (style.platform === 'android') return `${stamp} - ${l.author !== undefined ? `${l.author}: ` : ''}${l.text}`;
    if (l.author === undefined) return `[${stamp}] ${chatTitle}: \u200e${l.text}`;
    const attached = /^<attached: /.test(l.text);
    return `${attached ? '\u200e' : ''}[${stamp}] ${l.author}: ${attached ? '\u200e' : ''}${l.text}`;
  });
  return style.platform === 'ios' ? `${out.join('\r\n')}\r\n` : `${out.join('\n')}\n`;
}

/** Consecutive local times from a start, one message every `stepHours`. */
export function times(start: Date, count: number, stepHours: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * stepHours * 3_600_000));
}

/** A Telegram Desktop single-chat export ("Export chat history", JSON). */
export function telegramChat(opts: { name: string; id: number; messages: Record<string, unknown>[] }): string {
  return JSON.stringify({ name: opts.name, type: 'personal_chat', id: opts.id, messages: opts.messages }, null, 1);
}

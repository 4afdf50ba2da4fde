// Small chat exports written by the tests themselves (also used by the e2e test).

/** A MemoTrace per-chat CSV (`<remark>_utf8.csv`): UTF-8 BOM, CRLF, one cut-off row. */
export function memoTraceChatCsv(): string {
  const header = 'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender';
  const rows = [
    '1,5,1,0,0,1647345600,2,祝你生日快乐！,2022-03-15 20:00:00,张伟,伟哥,wxid_zhangwei01',
    '2,5,1,0,1,1647345660,2,谢谢！改天请你吃饭,2022-03-15 20:01:00,,我,wxid_me',
    '3,5,10000,0,0,1700049600,2,你已添加了张伟，现在可以开始聊天了。,2023-11-15 20:00:00,,,',
    '4,5,1,0,0,1700049660,2,今晚一起吃火锅吗？,2023-11-15 20:01:00,张伟,伟哥,wxid_zhangwei01',
    '5,5,1,0,1,1700049720,2,好啊，七点老地方见,2023-11-15 20:02:00,,我,wxid_me',
    '6,5,1,0,0,1700049780,2,"我订了 2 号桌，电话 13800138000",2023-11-15 20:03:00,张伟,伟哥,wxid_zhangwei01',
    '7,5,1,0,0',
  ];
  return `\ufeff${[header, ...rows].join('\r\n')}\r\n`;
}

/** A WhatsApp Android export ("WhatsApp Chat with Anna.txt"), one message over three lines. */
export function whatsAppChatTxt(): string {
  return [
    '15/03/2024, 20:01 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
    '15/03/2024, 20:02 - Anna: Hi! Are we still on for dinner?',
    '15/03/2024, 20:03 - Li Lei: Yes, hotpot at 7',
    '15/03/2024, 20:05 - Anna: Great, see you there.',
    "I'll bring the birthday cake",
    'and candles',
    '16/03/2024, 09:10 - Anna: 生日快乐 2024!',
    '',
  ].join('\n');
}

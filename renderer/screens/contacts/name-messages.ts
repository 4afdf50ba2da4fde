// Words of the person page's name chooser (PersonDetail → NameChooser), zh-CN first.
import { defineMessages } from '../../i18n/define';

export const nameMessages = defineMessages(
  {
    'contacts.name.legend': '显示的名字',
    'contacts.name.hint': '联系人列表、搜索、重新添加、打印清单和导出的文件都用这个名字；重新导入、合并或拆分后仍然保留。',
    'contacts.name.automatic': '自动：{name}',
    'contacts.name.automaticHint': '按导入的记录：备注名优先，其次姓名、昵称',
    'contacts.name.typed': '自己输入',
    'contacts.name.typedLabel': '自己输入的名字',
    'contacts.name.save': '使用这个名字',
    'contacts.name.saved': '已保存，现在显示为“{name}”。',
    'contacts.name.empty': '请先输入名字。',
    'contacts.name.seen': '{field} · {source}',
  },
  {
    'contacts.name.legend': 'Name shown',
    'contacts.name.hint': 'The contact list, search, re-adding, the printed checklist and exported files all use this name; it stays after re-imports, merges and splits.',
    'contacts.name.automatic': 'Automatic: {name}',
    'contacts.name.automaticHint': 'from the imported records: remark first, then name, nickname',
    'contacts.name.typed': 'Type a name',
    'contacts.name.typedLabel': 'Name you type',
    'contacts.name.save': 'Use this name',
    'contacts.name.saved': 'Saved: now shown as “{name}”.',
    'contacts.name.empty': 'Type a name first.',
    'contacts.name.seen': '{field} · {source}',
  },
);

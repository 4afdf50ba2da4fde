// Words of the cases overview: each case's re-add progress at a glance, and what needs attention.
import { defineMessages } from '../../i18n/define';

export const overviewMessages = defineMessages(
  {
    'overview.progress': '已发送 {sent} · 已通过 {accepted} · 剩余 {remaining}',
    'overview.lastActivity': '最近操作 {date}',
    'overview.eta': '按目前速度约 {days} 天完成',
    'overview.etaNone': '最近 7 天没有发送',
    'overview.done': '全部完成',
    'overview.coolDown': '“操作频繁”冷却中，到 {time}',
    'overview.followUps': '{count} 个待跟进',
    'overview.sort': '排序',
    'overview.sort.attention': '需要处理的在前',
    'overview.sort.activity': '最近操作',
    'overview.sort.name': '名称',
    'overview.sort.remaining': '剩余最多',
    'overview.reminders': '{count} 个申诉提醒到期（最早 {date}）',
  },
  {
    'overview.progress': '{sent} sent · {accepted} accepted · {remaining} to go',
    'overview.lastActivity': 'last activity {date}',
    'overview.eta': 'about {days, plural, one {# day} other {# days}} left at the current pace',
    'overview.etaNone': 'nothing sent in the last 7 days',
    'overview.done': 'all done',
    'overview.coolDown': '"Too frequent" cool-down until {time}',
    'overview.followUps': '{count, plural, one {# follow-up} other {# follow-ups}} due',
    'overview.sort': 'Sort',
    'overview.sort.attention': 'Needs attention first',
    'overview.sort.activity': 'Last activity',
    'overview.sort.name': 'Name',
    'overview.sort.remaining': 'Most to go',
    'overview.reminders': 'Appeal reminders due: {count} (earliest {date})',
  },
);

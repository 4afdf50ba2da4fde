// Words of the re-add guidance added for issue 12 (review first, search keys, pacing guard, undo
// wording, announcements), zh-CN first; kept apart from messages.ts so parallel work merges simply.
import { defineMessages } from '../../i18n/define';

export const readdGuideMessages = defineMessages(
  {
    'readd.unreviewed': '还有 {count} 对可能重复的联系人没有核对。先核对，免得把同一个人当成两个人、发两次好友申请。',
    'readd.unreviewedReview': '先去核对重复联系人',
    'readd.unreviewedLater': '以后再核对，先继续',
    'readd.maybeSame': '可能和 {name} 是同一个人 —',
    'readd.maybeSameReview': '去核对',
    'readd.maybeSameLabel': '核对 {name} 和 {other} 是否是同一个人',
  },
  {
    'readd.unreviewed': '{count} possible duplicates have not been reviewed yet. Review them first, so one person is not taken for two and sent two requests.',
    'readd.unreviewedReview': 'Review the duplicates first',
    'readd.unreviewedLater': 'Review later, continue now',
    'readd.maybeSame': 'May be the same as {name} —',
    'readd.maybeSameReview': 'review',
    'readd.maybeSameLabel': 'Review whether {name} and {other} are the same person',
  },
);

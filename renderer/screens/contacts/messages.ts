// Words of the contacts screen, zh-CN first (the shell's words for it are in i18n/zh-CN.ts).
import { defineMessages } from '../../i18n/define';

export const contactsMessages = defineMessages({}, {});

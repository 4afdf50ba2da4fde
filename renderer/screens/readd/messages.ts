// Words of the readd screen, zh-CN first (the shell's words for it are in i18n/zh-CN.ts).
import { defineMessages } from '../../i18n/define';

export const readdMessages = defineMessages({}, {});

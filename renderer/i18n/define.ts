// Each screen keeps its own words beside it (screens/<area>/messages.ts) so areas grow
// independently; the English half is typed against the Chinese half, so no key goes missing.
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: Record<keyof Z, string>) {
  return { 'zh-CN': zh, en } as const;
}

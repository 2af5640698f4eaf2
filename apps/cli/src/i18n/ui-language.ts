import { CHINESE, ENGLISH, type Messages } from './messages.js';

/** Languages of the CLI's own lines. */
export const UI_LANGUAGES = ['en', 'zh'] as const;

/** One of {@link UI_LANGUAGES}. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * Picks the language of the CLI's own lines: `--ui-lang`, else `DATASYNTH_LANG`, else the locale
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them) starting with `zh`, else English.
 */
export function selectUiLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): UiLanguage {
  const explicit = flag ?? env.DATASYNTH_LANG;
  if (explicit !== undefined && explicit !== '') return explicit.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The message catalog of a language. */
export function messagesFor(language: UiLanguage): Messages {
  return language === 'zh' ? CHINESE : ENGLISH;
}

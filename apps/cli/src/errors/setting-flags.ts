import { CONFIG_FLAGS } from '../options/config-flags.js';

/** Settings that are flags of the run commands but not synthesis settings. */
const RUN_FLAGS: Record<string, string> = { resume: '--resume', overwrite: '--overwrite' };

/**
 * The CLI flag that sets a synthesis setting (`resume` → `--resume`, `batchApi` → `--batch-api`),
 * read from the flag definitions themselves; undefined for a setting with no flag.
 */
export function flagForSetting(setting: string): string | undefined {
  if (RUN_FLAGS[setting] !== undefined) return RUN_FLAGS[setting];
  const flag = Object.values(CONFIG_FLAGS).find((candidate) => candidate.key === setting);
  return flag?.create().long;
}

/**
 * Names each camel-case setting with a flag that a core message mentions: `baseURL` →
 * `baseURL (--base-url)` (plain words such as "model" are left alone: they are ordinary English too).
 */
export function withSettingFlags(message: string): string {
  return message.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => {
    const flag = RUN_FLAGS[word] === undefined ? flagForSetting(word) : undefined;
    return flag ? `${word} (${flag})` : word;
  });
}

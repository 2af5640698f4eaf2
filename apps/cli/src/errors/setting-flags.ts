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

/**
 * CLI flags that messages from the libraries may still name, with how this server's tools spell
 * the same setting. Longest first, so `--batch-api` is not read as a prefix of something else.
 */
const FLAG_TO_ARGUMENT: readonly [flag: string, argument: string][] = [
  ['--base-url', 'base_url'],
  ['--batch-api', 'batch_api: true'],
  ['--batch-top-up', 'batch_top_up'],
  ['--batch-size', 'batch_size'],
  ['--concurrency', 'concurrency'],
  ['--max-cost', 'max_cost'],
  ['--overwrite', 'overwrite: true'],
  ['--resume', 'resume: true'],
];

/** Core settings that messages name, with the tool argument that sets the same. */
const SETTING_TO_ARGUMENT: readonly [setting: string, argument: string][] = [
  ['the maxInputBytes setting', 'the max_input_bytes argument'],
  ['maxCost', 'max_cost'],
];

/**
 * A message worded for this server: CLI flags (`--resume`, `--overwrite`, `--base-url`) become the
 * tool arguments that do the same (`resume: true`, `overwrite: true`, `base_url`), core's
 * `maxCost` becomes `max_cost`, and a mention of "the command line" goes.
 */
export function inSettingWords(message: string): string {
  let worded = message.replace(/\s*\(--base-url on the command line\)/g, '');
  for (const [setting, argument] of SETTING_TO_ARGUMENT) worded = worded.replaceAll(setting, argument);
  for (const [flag, argument] of FLAG_TO_ARGUMENT) {
    worded = worded.replace(new RegExp(`${flag}(?![a-z-])`, 'g'), argument);
  }
  return worded;
}

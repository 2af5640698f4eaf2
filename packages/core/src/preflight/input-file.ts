/** What an input file is to a run: named in messages when the output would land on it. */
export type InputFileRole =
  | 'seeds'
  | 'schema'
  | 'guidelines'
  | 'topics'
  | 'holdout'
  | 'gold'
  | 'records'
  | 'reply';

/** One file a run reads. */
export interface InputFile {
  path: string;
  role: InputFileRole;
}

const ROLE_NAMES: Record<InputFileRole, string> = {
  seeds: 'seeds file',
  schema: 'schema file',
  guidelines: 'guidelines file',
  topics: 'topics file',
  holdout: 'held-out set',
  gold: 'gold file',
  records: 'records file',
  reply: 'reply file',
};

/** "seeds file", "schema file" … for messages. */
export function describeInputRole(role: InputFileRole): string {
  return ROLE_NAMES[role];
}

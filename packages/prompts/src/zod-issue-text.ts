import type { z } from 'zod';
import { formatPath } from './format-path.js';
import { jsonTypeName } from './json-value.js';

/** Error map for parsing outside input with zod: short, lowercase messages such as "expected string, got number". */
export function readableIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? 'missing'
      : `expected ${issue.expected}, got ${jsonTypeName(issue.input)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `needs at least ${issue.minimum} item(s)`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  return undefined;
}

/** The first issue of a failed zod parse as one line: "fields[2].name: expected string, got number". */
export function firstIssueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid value';
  const where = formatPath(issue.path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

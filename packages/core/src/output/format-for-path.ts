import path from 'node:path';
import { OutputError } from './output-error.js';
import type { OutputFormat } from './output-format.js';

/** Formats written as one JSON document, and those written as JSON Lines (one JSON value per line). */
const DOCUMENT_FORMATS: readonly OutputFormat[] = ['json', 'alpaca'];
const LINE_FORMATS: readonly OutputFormat[] = ['jsonl', 'sharegpt', 'openai'];

/**
 * The format a file is written in: the one asked for, else the extension's (`.jsonl` → `jsonl`,
 * anything else → `json`). A format whose layout contradicts the extension (`alpaca`, a JSON
 * array, into `x.jsonl`; `sharegpt`, JSON Lines, into `x.json`) is refused before anything is
 * written; other extensions (`.txt`, none) take any format.
 *
 * @throws OutputError `format_mismatch` naming the formats that fit the extension.
 */
export function formatForPath(filePath: string, format: OutputFormat | undefined): OutputFormat {
  const extension = path.extname(filePath).toLowerCase();
  if (format === undefined) return extension === '.jsonl' ? 'jsonl' : 'json';
  if (extension === '.jsonl' && DOCUMENT_FORMATS.includes(format)) {
    throw mismatch(filePath, format, 'one JSON document', 'JSON Lines', LINE_FORMATS);
  }
  if (extension === '.json' && LINE_FORMATS.includes(format)) {
    throw mismatch(filePath, format, 'JSON Lines', 'one JSON document', DOCUMENT_FORMATS);
  }
  return format;
}

function mismatch(
  filePath: string,
  format: OutputFormat,
  layout: string,
  extensionLayout: string,
  fitting: readonly OutputFormat[],
): OutputError {
  const other = format === 'json' || format === 'alpaca' ? '.json' : '.jsonl';
  return new OutputError(
    'format_mismatch',
    `The ${format} format is ${layout}, but ${filePath} names a file of ${extensionLayout}: write it to a ${other} path, or choose the ${fitting.join(', ')} format.`,
    { path: filePath },
  );
}

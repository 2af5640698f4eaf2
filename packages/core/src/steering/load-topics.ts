import { PromptsError, readTextFile } from '@datasynth/prompts';
import { z } from 'zod';
import { SynthesisError } from '../errors/synthesis-error.js';

const topicList = z.array(z.string());

/**
 * Reads a topics file: a JSON array of strings, or one topic per line (blank lines and `#` comments
 * skipped). Like every input, a regular file of at most `maxInputBytes` (64 MiB unless set), in UTF-8.
 */
export function loadTopicsFile(file: string, options: { maxInputBytes?: number } = {}): string[] {
  let text: string;
  try {
    text = readTextFile(file, 'topics file', {
      ...(options.maxInputBytes !== undefined && { maxBytes: options.maxInputBytes }),
    });
  } catch (error) {
    throw new SynthesisError(
      'invalid_input',
      PromptsError.isInstance(error)
        ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`
        : `Cannot read the topics file ${file}.`,
      { path: file },
    );
  }
  let topics: string[];
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = topicList.safeParse(parsed);
    if (!checked.success) {
      throw new SynthesisError('invalid_input', `The topics file ${file} is not a JSON array of strings.`, {
        path: file,
      });
    }
    topics = checked.data;
  } else {
    topics = text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('#'));
  }
  return distinctTopics(topics);
}

/** Trimmed, non-empty, first occurrence only. */
export function distinctTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const topic of topics) {
    const clean = topic.replace(/\s+/g, ' ').trim();
    if (clean === '' || seen.has(clean)) continue;
    seen.add(clean);
    result.push(clean);
  }
  return result;
}

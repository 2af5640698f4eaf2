import type { Language } from './detect-language.js';
import { templateText } from './template-text.js';

/** Options for the per-batch part of a prompt. */
export interface VaryingPromptOptions {
  /** The seeds sampled for this batch, shown as examples. */
  seeds: Record<string, unknown>[];
  /** How many seeds there are in all, when the examples are a sample of them (the prompt then says so). */
  seedTotal?: number;
  /** How many records to ask for (a positive integer). */
  count: number;
  language: Language;
  steering?: {
    /**
     * Per-field targets. A single value: every record gets it. An array as long as `count`: record i
     * gets value i. Any other array: spread the records over those values.
     */
    targetValues?: Record<string, unknown>;
    /** A topic for this batch. */
    topic?: string;
    /** Things already covered, kept short (each item is cut to 120 characters, at most 50 items). */
    avoid?: string[];
  };
}

const MAX_AVOID_ITEMS = 50;
const MAX_AVOID_CHARS = 120;

function valueText(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function oneLine(text: string, maxChars: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}

/**
 * Builds the per-batch part: how many records to write (first, as "<N> new records" / "<N> 条"), the
 * steering, then the sampled seeds as examples.
 */
export function buildVaryingPrompt(options: VaryingPromptOptions): string {
  const { count, seeds, language } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const text = templateText(language).varying;
  const sections: string[] = [text.count(count)];

  const steering: string[] = [];
  const topic = options.steering?.topic?.trim();
  if (topic) steering.push(text.topic(oneLine(topic, 300)));
  for (const [field, target] of Object.entries(options.steering?.targetValues ?? {})) {
    if (target === undefined) continue;
    if (Array.isArray(target)) {
      if (target.length === 0) continue;
      const values = target.map(valueText);
      steering.push(
        target.length === count ? text.targetEach(field, values) : text.targetSpread(field, values),
      );
    } else {
      steering.push(text.targetAll(field, valueText(target)));
    }
  }
  const avoid = [...new Set((options.steering?.avoid ?? []).map((item) => oneLine(item, MAX_AVOID_CHARS)))]
    .filter((item) => item !== '')
    .slice(0, MAX_AVOID_ITEMS);
  if (avoid.length > 0) steering.push([text.avoid, ...avoid.map((item) => `  - ${item}`)].join('\n'));
  if (steering.length > 0) sections.push(`${text.steering}\n${steering.join('\n')}`);

  if (seeds.length > 0) {
    const examples = seeds.map((seed) => JSON.stringify(seed)).join(',\n');
    const total = options.seedTotal ?? seeds.length;
    const heading = total > seeds.length ? text.examplesOf(seeds.length, total) : text.examples;
    sections.push(`${heading}\n\n\`\`\`json\n[\n${examples}\n]\n\`\`\``);
  }
  return sections.join('\n\n');
}

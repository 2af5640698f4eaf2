import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStablePrompt } from './build-stable-prompt.js';
import { prepareInteractive } from './prepare-interactive.js';
import { readDataRecipeFolder } from './read-datarecipe-folder.js';

const belle = readDataRecipeFolder(
  path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh'),
);
const COUNT_PATTERN =
  /(\d{1,4})\s*(?:new\s+|more\s+|additional\s+|distinct\s+|unique\s+)?(?:records?|samples?|examples?|items?|条|个)/i;

describe('prepareInteractive', () => {
  it('builds one self-contained prompt: count, full instructions, schema, guidelines and examples', () => {
    const interactive = prepareInteractive({
      schema: belle.schema,
      seeds: belle.seeds.slice(0, 3),
      count: 8,
      ...(belle.guidelines === undefined ? {} : { guidelines: belle.guidelines }),
    });
    expect(interactive.language).toBe('zh');
    expect(interactive.dataType).toBe('instruction');
    expect(COUNT_PATTERN.exec(interactive.prompt)?.[1]).toBe('8');
    const stable = buildStablePrompt({
      schema: belle.schema,
      guidelines: belle.guidelines ?? '',
      languageSample: belle.seeds.slice(0, 3),
    });
    expect(interactive.prompt).toContain(stable.text);
    expect(interactive.prompt).toContain('```json');
    expect(interactive.prompt).toContain(JSON.stringify(belle.seeds[0]));
    expect(interactive.instructions).toContain('datasynth parse');
    expect(interactive.instructions).toContain('parse_synthesis_result');
  });

  it('follows an explicit language and data type', () => {
    const interactive = prepareInteractive({
      schema: belle.schema,
      seeds: belle.seeds.slice(0, 2),
      count: 3,
      language: 'en',
      dataType: 'generic',
    });
    expect(interactive.language).toBe('en');
    expect(interactive.dataType).toBe('generic');
    expect(interactive.prompt.startsWith('# Write 3 new records')).toBe(true);
    expect(interactive.instructions).toMatch(/paste the whole reply into `datasynth parse`/);
  });
});

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

  it('shows an even sample of the seeds and says how many of how many', () => {
    const seeds = Array.from({ length: 175 }, (_, index) => ({ instruction: `task ${index}`, output: 'x' }));
    const interactive = prepareInteractive({
      schema: belle.schema,
      seeds,
      count: 5,
      examples: 4,
      language: 'en',
    });
    expect(interactive).toMatchObject({ examplesShown: 4, seedCount: 175 });
    expect(interactive.prompt).toContain("4 of the dataset's 175 seed records, as examples");
    const shown = [...interactive.prompt.matchAll(/"instruction":"(task \d+)"/g)].map((match) => match[1]);
    expect(shown).toEqual(['task 0', 'task 43', 'task 87', 'task 131']);
    const all = prepareInteractive({ schema: belle.schema, seeds: seeds.slice(0, 3), count: 5, examples: 8 });
    expect(all.examplesShown).toBe(3);
    expect(all.prompt).not.toMatch(/of the dataset's|条种子记录中的/);
    const zh = prepareInteractive({ schema: belle.schema, seeds: belle.seeds, count: 5, examples: 2 });
    expect(zh.prompt).toContain(`以下是数据集 ${belle.seeds.length} 条种子记录中的 2 条样例`);
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

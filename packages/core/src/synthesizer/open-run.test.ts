import fs from 'node:fs';
import path from 'node:path';
import { parseSchema } from '@datasynth/prompts';
import { resolveModel } from '@datasynth/providers';
import { describe, expect, it } from 'vitest';
import { BELLE_FOLDER, makeTempDir } from '../../test/helpers.js';
import { parseSynthesisConfig } from '../config/parse-config.js';
import type { SynthesisConfig } from '../config/synthesis-config.js';
import { loadInputs } from '../inputs/load-inputs.js';
import { openJournal } from '../journal/index.js';
import { openRun } from './open-run.js';
import { RunEvents } from './run-events.js';
import type { SynthesisRunOptions } from './synthesis-run.js';

const inputs = loadInputs({ analysisDir: BELLE_FOLDER });
const model = resolveModel('claude-sonnet-4-6', { apiKey: 'sk-ant-test-key' });

function options(output: string, settings: SynthesisConfig = {}, mode: SynthesisRunOptions['mode'] = 'new') {
  return {
    config: parseSynthesisConfig(settings),
    inputs,
    model,
    output,
    mode,
  } satisfies SynthesisRunOptions;
}

async function errorOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return (await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  )) as Record<string, unknown>;
}

describe('openRun — journal, resume checks, budget left', () => {
  it('refuses an existing output in settings terms (resume, overwrite), naming them for the apps', async () => {
    const output = path.join(makeTempDir(), 'out.json');
    fs.writeFileSync(output, '{"keep": true}');
    const error = await errorOf(openRun(options(output), new RunEvents()));
    expect(error).toMatchObject({ code: 'exists', settings: { resume: true, overwrite: true } });
    expect(error.message).toBe(
      `Output ${output} already exists. Resume it (resume: true) or replace it (overwrite: true).`,
    );
    expect(error.message).not.toContain('--');
    expect(fs.readFileSync(output, 'utf8')).toBe('{"keep": true}');
  });

  it('refuses to resume under another schema, and releases the output lock', async () => {
    const output = path.join(makeTempDir(), 'out.json');
    const opened = await openRun(options(output), new RunEvents());
    await opened.journal.writeState(opened.tally.toState(opened.plan.position(), undefined));
    await opened.journal.close();
    const other = { ...inputs, schema: parseSchema([{ name: 'text', type: 'string' }]).schema };
    const error = await errorOf(
      openRun({ ...options(output, {}, 'resume'), inputs: other }, new RunEvents()),
    );
    expect(error).toMatchObject({ code: 'schema_mismatch', settings: { overwrite: true } });
    expect(error.message).toMatch(
      /it was started with a different schema\. Use the original schema, or start over \(overwrite: true\)\.$/,
    );
    // The lock is free again: the journal opens.
    const again = await openJournal({ outputPath: output, mode: 'resume' });
    await again.journal.close();
  });

  it('stops before any call when the cap was already spent by earlier sessions', async () => {
    const output = path.join(makeTempDir(), 'out.json');
    const first = await openRun(options(output), new RunEvents());
    const state = first.tally.toState(first.plan.position(), undefined);
    await first.journal.writeState({ ...state, cost: 0.5 });
    await first.journal.close();
    const resumed = await openRun(options(output, { maxCost: 0.4 }, 'resume'), new RunEvents());
    try {
      expect(resumed.gate.stop).toEqual({
        reason: 'budget',
        message:
          'This run has already spent $0.5000 of its $0.4000 maxCost cap. Resume with a higher maxCost to continue.',
      });
    } finally {
      resumed.release();
      await resumed.journal.close();
    }
  });

  it('refuses batchApi for a model without a batch API before touching anything', async () => {
    const output = path.join(makeTempDir(), 'out.json');
    const local = resolveModel('ollama:llama3', { baseURL: 'http://127.0.0.1:1/v1' });
    const error = await errorOf(
      openRun({ ...options(output, { batchApi: true }), model: local }, new RunEvents()),
    );
    expect(error).toMatchObject({ code: 'invalid_input', settings: { batchApi: false } });
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/spawn-cli.js';
import {
  makeLaneDir,
  REAL_CALL_TIMEOUT_SECONDS,
  readWholeJsonLines,
  realServer,
  removeLaneDirs,
} from './real-lane.js';
import { SELF_INSTRUCT_DIR } from './real-lane-setup.js';

const COUNT = 3;

afterAll(() => removeLaneDirs());

/** The "host model": the prompt goes to the real model as one chat message, as a person would paste it. */
async function askHostModel(prompt: string): Promise<string> {
  const server = realServer();
  const response = await fetch(`${server.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: server.modelId,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: 800,
      temperature: 0.7,
    }),
    signal: AbortSignal.timeout(REAL_CALL_TIMEOUT_SECONDS * 1000),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: { message: { content: string | null } }[] };
  return body.choices[0]?.message.content ?? '';
}

describe('the interactive flow with a real model as the host', () => {
  it('prepare → the model answers → parse: valid records appended, or nothing written when the reply holds none', async () => {
    const dir = makeLaneDir('interactive');
    const schema = path.join(SELF_INSTRUCT_DIR, 'schema.json');
    // A few seeds only: the interactive prompt shows every seed, and a tiny model's context is small.
    const seeds = path.join(dir, 'seeds.jsonl');
    const seedLines = fs.readFileSync(path.join(SELF_INSTRUCT_DIR, 'seeds.jsonl'), 'utf8').split('\n');
    fs.writeFileSync(seeds, `${seedLines.slice(0, 4).join('\n')}\n`);
    const prompt = path.join(dir, 'prompt.md');
    const prepare = await runCli(
      ['prepare', '--schema', schema, '--seeds', seeds, '-n', String(COUNT), '-o', prompt],
      { cwd: dir, timeoutMs: 60_000 },
    );
    expect(prepare.code, prepare.stderr).toBe(0);
    expect(prepare.stdout + prepare.stderr).toContain('datasynth parse reply.md');

    fs.writeFileSync(path.join(dir, 'reply.md'), await askHostModel(fs.readFileSync(prompt, 'utf8')));
    const output = path.join(dir, 'out.jsonl');
    const parse = await runCli(
      ['parse', 'reply.md', '--schema', schema, '--seeds', seeds, '-o', output, '--json'],
      { cwd: dir, timeoutMs: 60_000 },
    );
    // Exit 2 is the documented answer to a reply with no JSON records: nothing is written then.
    expect([0, 2], parse.stderr).toContain(parse.code);
    if (parse.code === 2) {
      expect(fs.existsSync(output)).toBe(false);
      expect(parse.stderr.trim().split('\n')).toHaveLength(1);
      console.log('[real] interactive: the reply held no JSON records (exit 2, nothing written)');
      return;
    }
    const result = JSON.parse(parse.stdout) as {
      parsed: number;
      added: number;
      invalid: number;
      duplicates: { exact: number; near: number };
      total: number;
    };
    expect(
      result.added + result.invalid + result.duplicates.exact + result.duplicates.near,
    ).toBeLessThanOrEqual(result.parsed);
    const records = readWholeJsonLines(output);
    expect(records).toHaveLength(result.added);
    expect(result.total).toBe(result.added);
    if (result.added > 0) {
      const validate = await runCli(['validate', output, schema], { cwd: dir, timeoutMs: 60_000 });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    }
    console.log(
      `[real] interactive: parsed ${result.parsed}, added ${result.added}, invalid ${result.invalid}, duplicates ${result.duplicates.exact + result.duplicates.near}`,
    );
  });
});

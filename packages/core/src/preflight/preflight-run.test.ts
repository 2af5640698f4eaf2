import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBelleFolder, makeTempDir } from '../../test/helpers.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { OutputError } from '../output/output-error.js';
import { DataSynthesizer } from '../synthesizer/data-synthesizer.js';
import { preflightRun } from './preflight-run.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the preflight to refuse');
}

function workspace(): { dir: string; seeds: string; schema: string } {
  const dir = makeTempDir('datasynth-preflight-');
  const seeds = path.join(dir, 'seeds.jsonl');
  const schema = path.join(dir, 'schema.json');
  fs.writeFileSync(seeds, '{"text":"a seed"}\n');
  fs.writeFileSync(schema, '{"fields":[{"name":"text","type":"string"}]}');
  return { dir, seeds, schema };
}

describe('preflightRun: the output', () => {
  it('accepts a new file in a new folder under a writable one, and an existing regular file', () => {
    const { dir, seeds } = workspace();
    const inputs = [{ path: seeds, role: 'seeds' as const }];
    expect(preflightRun({ output: path.join(dir, 'a/b/out.json'), inputs }).output).toBe(
      path.join(dir, 'a/b/out.json'),
    );
    fs.writeFileSync(path.join(dir, 'old.json'), '{}');
    expect(() => preflightRun({ output: path.join(dir, 'old.json'), inputs })).not.toThrow();
  });

  it('refuses a folder, saying to give a file path', () => {
    const { dir } = workspace();
    const error = caught(() => preflightRun({ output: dir, inputs: [] }));
    expect(SynthesisError.isInstance(error) && error.code).toBe('invalid_input');
    expect(error.message).toBe(
      `Output ${dir} is a folder: give a file path, for example ${path.join(dir, 'synthetic.json')}.`,
    );
  });

  it('refuses a FIFO and a character device and leaves them as they are', () => {
    const { dir } = workspace();
    const fifo = path.join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(caught(() => preflightRun({ output: fifo, inputs: [] })).message).toContain(
      'is a FIFO (named pipe), not a regular file',
    );
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(caught(() => preflightRun({ output: '/dev/null', inputs: [] })).message).toContain(
      'is a character device, not a regular file',
    );
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('refuses paths under /proc and /sys, where nothing written is a file', () => {
    for (const output of ['/proc/self/out.json', '/proc/new-folder/out.json', '/sys/out.json']) {
      expect(caught(() => preflightRun({ output, inputs: [] })).message).toMatch(
        /is under \/(proc|sys), which holds no ordinary files/,
      );
    }
  });

  it('refuses a path whose folder is a file', () => {
    const { seeds } = workspace();
    const error = caught(() => preflightRun({ output: path.join(seeds, 'out.json'), inputs: [] }));
    expect(error.message).toBe(
      `Cannot write output ${path.join(seeds, 'out.json')}: ${seeds} is a regular file, not a folder.`,
    );
  });

  it('refuses a format that contradicts the extension, in one line naming what fits', () => {
    const { dir } = workspace();
    const alpaca = caught(() =>
      preflightRun({ output: path.join(dir, 'x.jsonl'), inputs: [], format: 'alpaca' }),
    );
    expect(OutputError.isInstance(alpaca) && alpaca.code).toBe('format_mismatch');
    expect(alpaca.message).toContain('or choose the jsonl, sharegpt, openai format');
    const sharegpt = caught(() =>
      preflightRun({ output: path.join(dir, 'x.json'), inputs: [], format: 'sharegpt' }),
    );
    expect(sharegpt.message).toContain('write it to a .jsonl path, or choose the json, alpaca format');
  });
});

describe('preflightRun: the output is none of the inputs', () => {
  it('by path, through a symbolic link, and through a hard link', () => {
    const { dir, seeds } = workspace();
    const inputs = [{ path: seeds, role: 'seeds' as const }];
    const link = path.join(dir, 'link.jsonl');
    const hard = path.join(dir, 'hard.jsonl');
    fs.symlinkSync(seeds, link);
    fs.linkSync(seeds, hard);
    for (const output of [seeds, link, hard, path.join(dir, '.', 'seeds.jsonl')]) {
      expect(caught(() => preflightRun({ output, inputs })).message).toContain(
        `is the run's seeds file ${seeds}: writing there would destroy it`,
      );
    }
  });

  it('nor any file the run keeps for the output (journal, rejects, state, lock, legacy files, stats)', () => {
    const { dir } = workspace();
    const bookkeeping = path.join(dir, '.datasynth');
    fs.mkdirSync(bookkeeping);
    for (const name of ['out.json.journal.jsonl', path.join('.datasynth', 'out.json.state.json')]) {
      const schema = path.join(dir, name);
      fs.writeFileSync(schema, '{"fields":[{"name":"text","type":"string"}]}');
      const error = caught(() =>
        preflightRun({ output: path.join(dir, 'out.json'), inputs: [{ path: schema, role: 'schema' }] }),
      );
      expect(error.message).toContain(`keeps ${schema} beside it, which is the run's schema file`);
    }
  });
});

describe('DataSynthesizer runs the preflight before any call or write', () => {
  async function serverUrl(): Promise<{ server: TestServer; url: string }> {
    const server = await startTestServer({});
    servers.push(server);
    return { server, url: server.anthropicBaseURL };
  }

  function synthesizer(url: string, config: ConstructorParameters<typeof DataSynthesizer>[0] = {}) {
    return new DataSynthesizer(
      { model: 'claude-sonnet-4-6', baseURL: url, targetCount: 3, retryBaseMs: 5, ...config },
      { apiKey: 'sk-ant-test-key' },
    );
  }

  it('refuses overwrite onto the seeds file and leaves the seeds as they were', async () => {
    const { server, url } = await serverUrl();
    const { seeds, schema } = workspace();
    const before = fs.readFileSync(seeds, 'utf8');
    await expect(
      synthesizer(url).synthesize({ schemaPath: schema, seedsPath: seeds, output: seeds, overwrite: true }),
    ).rejects.toThrow(/is the run's seeds file/);
    expect(fs.readFileSync(seeds, 'utf8')).toBe(before);
    expect(fs.existsSync(`${seeds}.journal.jsonl`)).toBe(false);
    expect(server.stats().totalRequests).toBe(0);
  });

  it('refuses an existing folder as the output with overwrite before any call', async () => {
    const { server, url } = await serverUrl();
    const { dir, seeds, schema } = workspace();
    const folder = path.join(dir, 'results');
    fs.mkdirSync(folder);
    await expect(
      synthesizer(url).synthesize({ schemaPath: schema, seedsPath: seeds, output: folder, overwrite: true }),
    ).rejects.toThrow(/is a folder: give a file path/);
    expect(server.stats().totalRequests).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['results', 'schema.json', 'seeds.jsonl']);
  });

  it('refuses a missing topics file before the journal exists', async () => {
    const { url } = await serverUrl();
    const dir = copyBelleFolder();
    const output = path.join(path.dirname(dir), 'out.json');
    await expect(
      synthesizer(url, { steering: { topicsFile: path.join(dir, 'nope.txt') } }).synthesizeFromDataRecipe(
        dir,
        {
          output,
        },
      ),
    ).rejects.toThrow(`Topics file not found: ${path.join(dir, 'nope.txt')}.`);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['belle']);
  });

  it('refuses the DataRecipe folder own samples file as the output', async () => {
    const { url } = await serverUrl();
    const dir = copyBelleFolder();
    const samples = path.join(dir, '09_样例数据', 'samples.json');
    await expect(
      synthesizer(url).synthesizeFromDataRecipe(dir, { output: samples, overwrite: true }),
    ).rejects.toThrow(/is the run's seeds file/);
  });
});

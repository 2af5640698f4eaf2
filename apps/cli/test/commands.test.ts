import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, OPENAI_SENTINEL_KEY, runCli, SENTINEL_KEY } from './spawn-cli.js';
import {
  countRecords,
  filesContaining,
  hashTree,
  makeWorkspace,
  removeWorkspaces,
  type Workspace,
} from './workspace.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 11 });
});

afterAll(async () => {
  await server?.close();
  removeWorkspaces();
});

function anthropicEnv(target: TestServer = server): Record<string, string> {
  return { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: target.anthropicBaseURL };
}

/** No sentinel key in stdout, stderr or any file of the workspace. */
function expectNoSecrets(run: CliRun, workspace: Workspace): void {
  for (const key of [SENTINEL_KEY, OPENAI_SENTINEL_KEY]) {
    expect(run.stdout).not.toContain(key);
    expect(run.stderr).not.toContain(key);
    expect(filesContaining(workspace.root, key)).toEqual([]);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: tests probe arbitrary JSON the CLI wrote; assertions check the shape.
function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe.concurrent('runs against the loopback server', () => {
  it('generate: writes the DataRecipe output, progress on stderr, summary on stdout', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '12', '--batch-size', '4'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(countRecords(workspace.defaultOutput)).toBe(12);
    const envelope = readJson(workspace.defaultOutput);
    expect(envelope.samples[0]).toMatchObject({ id: 'SYNTH_0001', synthetic: true });
    for (const label of [
      'Target',
      'Model',
      'Output',
      'Generated',
      'Failed',
      'Tokens',
      'Estimated cost',
      'Actual cost',
      'Time',
    ]) {
      expect(run.stdout).toContain(label);
    }
    expect(run.stdout).toContain('12/12');
    expect(run.stdout).toContain(workspace.defaultOutput);
    expect(run.stderr).toContain('Generating 12 records with claude-sonnet-5-5 (anthropic)');
    expect(run.stderr).toMatch(/^12\/12 · /m);
    expect(run.stderr).not.toContain('\r');
    expectNoSecrets(run, workspace);
  });

  it('--json -v: exactly one JSON document on stdout, the result plus exitCode; no key even in verbose output', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '6', '--json', '-v'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      exitCode: 0,
      generatedCount: 6,
      targetCount: 6,
      stoppedBecause: 'done',
      model: 'claude-sonnet-5-5',
      provider: 'anthropic',
      outputPath: workspace.defaultOutput,
    });
    expect(run.stderr).toContain('settings:');
    expectNoSecrets(run, workspace);
  });

  it('create: custom schema and seeds to JSONL, with --stats', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'out.jsonl');
    const run = await runCli(
      ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '8', '--stats'],
      {
        cwd: workspace.root,
        env: anthropicEnv(),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(countRecords(output)).toBe(8);
    expect(readJson(`${output}.stats.json`)).toMatchObject({ count: 8 });
    expectNoSecrets(run, workspace);
  });

  it('create with --judge, --steer and --stats-html; stats --html reads the run beside the data', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'judged.json');
    const run = await runCli(
      [
        'create',
        workspace.schema,
        workspace.seeds,
        '-o',
        output,
        '-n',
        '12',
        '--judge',
        'claude-haiku-4-5',
        '--judge-threshold',
        '0',
        '--steer',
        '--stats-html',
        '--json',
      ],
      { cwd: workspace.root, env: anthropicEnv() },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.funnel.judged).toBe(12);
    expect(result.statsHtmlPath).toBe(`${output}.stats.html`);
    expect(fs.readFileSync(`${output}.stats.html`, 'utf8')).toContain('<section id="funnel">');
    expect(readJson(output).samples[0].judge.model).toBe('claude-haiku-4-5');

    const report = path.join(workspace.root, 'report.html');
    const stats = await runCli(['stats', output, '--html', report], { cwd: workspace.root });
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stderr).toContain(`HTML report written to ${report}`);
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('<section id="cost">');
    expect(html).toContain('claude-haiku-4-5');
    expectNoSecrets(run, workspace);
  });

  it('create with --judge-gold: checks the judge on human scores first, warns when it is the generating model', async () => {
    const workspace = makeWorkspace();
    const samples = readJson(workspace.seeds).samples as { data: Record<string, unknown> }[];
    const gold = path.join(workspace.root, 'gold.jsonl');
    fs.writeFileSync(
      gold,
      samples
        .slice(0, 12)
        .map((sample, index) => JSON.stringify({ ...sample.data, score: [0, 0.5, 1][index % 3] }))
        .join('\n'),
    );
    const output = path.join(workspace.root, 'out.jsonl');
    const run = await runCli(
      ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '4', '--judge-gold', gold, '--json'],
      { cwd: workspace.root, env: anthropicEnv() },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Judge claude-sonnet-5-5 on 12 gold records \(12 scored\): Cohen's kappa -?\d\.\d\d/,
    );
    expect(run.stderr).toMatch(/warning: The judge is the generating model \(claude-sonnet-5-5\)/);
    const result = JSON.parse(run.stdout);
    expect(result.judgeGold).toMatchObject({
      items: 12,
      scored: 12,
      sameModelAsGenerator: true,
      threshold: 0.5,
    });
    expect(typeof result.judgeGold.spearman).toBe('number');
    expect(countRecords(output)).toBe(4);
    expectNoSecrets(run, workspace);
  });

  it('--judge-gold: an existing output is refused before any gold call; the check is in the run cost and kept for stats', async () => {
    await using counter = await startTestServer({ seed: 5 });
    const workspace = makeWorkspace();
    const samples = readJson(workspace.seeds).samples as { data: Record<string, unknown> }[];
    const gold = path.join(workspace.root, 'gold.jsonl');
    fs.writeFileSync(
      gold,
      samples
        .slice(0, 6)
        .map((sample, index) => JSON.stringify({ ...sample.data, label: index % 2 ? 'keep' : 'reject' }))
        .join('\n'),
    );
    const output = path.join(workspace.root, 'out.jsonl');
    fs.writeFileSync(output, '{"instruction":"kept"}\n');
    const args = ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '4', '--judge-gold', gold];
    const refused = await runCli(args, { cwd: workspace.root, env: anthropicEnv(counter) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(counter.stats().totalRequests).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe('{"instruction":"kept"}\n');

    const run = await runCli([...args, '--overwrite', '--stats-html', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(counter),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Judge claude-sonnet-5-5 on 6 gold records/);
    const result = JSON.parse(run.stdout);
    expect(result.judgeGold).toMatchObject({ items: 6, calls: 1 });
    // its one call is in the run's cost: every call of the run is the gold check's or a generation call
    expect(result.requests).toBe(counter.stats().totalRequests);
    const html = fs.readFileSync(result.statsHtmlPath, 'utf8');
    expect(html).toContain('<section id="judge-gold">');
    fs.rmSync(result.statsHtmlPath);
    // the report rebuilt later from the run's state still has it, without another call
    const before = counter.stats().totalRequests;
    const stats = await runCli(
      ['stats', output, '--html', path.join(workspace.root, 'again.html'), '--json'],
      {
        cwd: workspace.root,
        env: anthropicEnv(counter),
      },
    );
    expect(stats.code, stats.stderr).toBe(0);
    const described = JSON.parse(stats.stdout);
    expect(described.judgeGold).toEqual(result.judgeGold);
    expect(described.diversityTrail.points.at(-1).accepted).toBe(4);
    const text = await runCli(['stats', output], { cwd: workspace.root });
    expect(text.stdout).toMatch(/Judge claude-sonnet-5-5 on 6 gold records \(\d scored\): Cohen's kappa/);
    expect(fs.readFileSync(path.join(workspace.root, 'again.html'), 'utf8')).toContain(
      '<section id="judge-gold">',
    );
    expect(counter.stats().totalRequests).toBe(before);
    expectNoSecrets(run, workspace);
  });

  it('picks the OpenAI default model when only OPENAI_API_KEY is set', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '4', '--json'], {
      cwd: workspace.root,
      env: { OPENAI_API_KEY: OPENAI_SENTINEL_KEY, OPENAI_BASE_URL: server.openaiBaseURL },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      model: 'gpt-6-luna',
      provider: 'openai',
      generatedCount: 4,
    });
    // GPT-6 takes no temperature; nobody set one, so nothing is said about it.
    expect(run.stderr).not.toMatch(/temperature/i);
    expectNoSecrets(run, workspace);
  });

  it('estimate --exact-tokens counts the prompt through the provider, and never leaks the key', async () => {
    await using counter = await startTestServer({ seed: 3 });
    const workspace = makeWorkspace();
    const run = await runCli(['estimate', workspace.analysisDir, '-n', '100', '--exact-tokens', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(counter),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ estimate: { tokenCount: 'provider', basis: 'prompt' } });
    expect(counter.stats().requests['POST /v1/messages/count_tokens']).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(SENTINEL_KEY);
  });

  it('estimate --exact-tokens with no key says to set one or drop the flag, in one line', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['estimate', workspace.analysisDir, '-n', '100', '--exact-tokens'], {
      cwd: workspace.root,
      env: {},
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/--exact-tokens .*ANTHROPIC_API_KEY.*drop --exact-tokens to count offline/),
    ]);
  });

  it('estimate for an unpriced model says how to add its price', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['estimate', workspace.analysisDir, '-n', '100', '-m', 'ollama:llama3.1'], {
      cwd: workspace.root,
      env: {},
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/no known price for model 'ollama:llama3.1'.*"prices".*--config/);
  });

  it('--dry-run estimates this exact input and touches nothing', async () => {
    const workspace = makeWorkspace();
    const before = hashTree(workspace.root);
    const run = await runCli(
      ['generate', workspace.analysisDir, '-n', '200', '--batch-size', '5', '--dry-run', '--json'],
      {
        cwd: workspace.root,
        env: {},
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const estimate = JSON.parse(run.stdout);
    expect(estimate).toMatchObject({
      targetCount: 200,
      model: 'claude-sonnet-5-5',
      priced: true,
      dryRun: true,
      exitCode: 0,
    });
    expect(estimate.batches).toBeGreaterThanOrEqual(40);
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(estimate.outputTokens).toBeGreaterThan(0);
    expect(estimate.estimatedCost).toBeGreaterThan(0);
    expect(estimate.variants.batchApi).toBeLessThan(estimate.variants.noCaching);
    expect(estimate.estimate.basis).toBe('prompt');
    expect(hashTree(workspace.root)).toEqual(before);
  });

  it('estimate: from defaults, from the real prompt, and honestly for an unpriced model', async () => {
    const workspace = makeWorkspace();
    const [defaults, fromPrompt, unpriced] = await Promise.all([
      runCli(['estimate', '-n', '1000', '-m', 'claude-sonnet-4-6'], { cwd: workspace.root }),
      runCli(['estimate', workspace.analysisDir, '-n', '50', '--json'], { cwd: workspace.root }),
      runCli(['estimate', '-n', '10', '-m', 'ollama:llama3.1'], { cwd: workspace.root }),
    ]);
    expect(defaults.code, defaults.stderr).toBe(0);
    for (const label of [
      'Target count',
      'Batches',
      'Input tokens',
      'Output tokens',
      'Estimated cost',
      'Model',
      'batch API',
    ]) {
      expect(defaults.stdout).toContain(label);
    }
    expect(defaults.stdout).toContain('documented defaults');
    expect(fromPrompt.code, fromPrompt.stderr).toBe(0);
    expect(JSON.parse(fromPrompt.stdout)).toMatchObject({ targetCount: 50, estimate: { basis: 'prompt' } });
    expect(unpriced.code, unpriced.stderr).toBe(0);
    expect(unpriced.stdout).toContain("no known price for model 'ollama:llama3.1'");
    expect(unpriced.stdout).not.toMatch(/Estimated cost\s+\$/);
    expect(unpriced.stderr).toMatch(/warning: .*price/i);
  });

  it('prepare then parse: the interactive mode appends valid, new records and skips duplicates', async () => {
    const workspace = makeWorkspace();
    const prepared = await runCli(['prepare', workspace.analysisDir, '-n', '5'], { cwd: workspace.root });
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(prepared.stdout).toContain('instruction');
    expect(prepared.stderr).toContain(`datasynth parse reply.md --analysis-dir ${workspace.analysisDir}`);
    // A sample of the seeds, not all of them: the API mode's sample size unless --examples says otherwise.
    const seedTotal = readJson(workspace.seeds).samples.length;
    expect(prepared.stdout).toContain(`以下是数据集 ${seedTotal} 条种子记录中的 3 条样例`);
    const five = await runCli(['prepare', workspace.analysisDir, '--examples', '5', '--json'], {
      cwd: workspace.root,
    });
    expect(five.code, five.stderr).toBe(0);
    expect(JSON.parse(five.stdout)).toMatchObject({ examplesShown: 5, seedCount: seedTotal });
    expect(JSON.parse(five.stdout).prompt).toContain(`${seedTotal} 条种子记录中的 5 条样例`);
    const bad = await runCli(['prepare', workspace.analysisDir, '--examples', 'lots'], {
      cwd: workspace.root,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--examples/);

    const toFile = await runCli(
      ['prepare', '--schema', workspace.schema, '--seeds', workspace.seeds, '-o', 'prompt.md'],
      {
        cwd: workspace.root,
      },
    );
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(fs.readFileSync(path.join(workspace.root, 'prompt.md'), 'utf8')).toContain('instruction');

    const seed = readJson(workspace.seeds).samples[0].data;
    const fresh = [
      {
        instruction: '把下面的句子翻译成英文',
        input: '今天的天气非常适合去公园散步。',
        output: 'The weather today is perfect for a walk in the park.',
        category: 'generation',
      },
      {
        instruction: '判断这条评论的情感是正面还是负面',
        input: '快递太慢了，包装也破了。',
        output: '负面',
        category: 'classification',
      },
      {
        instruction: '为一家新开的咖啡馆想三个店名',
        input: '',
        output: '1. 拾光咖啡 2. 半糖时刻 3. 街角豆语',
        category: 'generation',
      },
    ];
    const reply = `好的，以下是数据：\n\`\`\`json\n${JSON.stringify([...fresh, { instruction: 'x', category: 'poetry' }, seed], null, 2)}\n\`\`\`\n`;
    fs.writeFileSync(path.join(workspace.root, 'reply.md'), reply);
    const first = await runCli(['parse', 'reply.md', '--analysis-dir', workspace.analysisDir], {
      cwd: workspace.root,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 added');
    expect(countRecords(workspace.defaultOutput)).toBe(3);
    const again = await runCli(['parse', '-', '--analysis-dir', workspace.analysisDir, '--json'], {
      cwd: workspace.root,
      stdin: reply,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, total: 3, exitCode: 0 });
    expect(countRecords(workspace.defaultOutput)).toBe(3);
  });

  it('validate: per-record issues and exit 1 when any record is invalid; exit 0 when all fit', async () => {
    const workspace = makeWorkspace();
    const good = { instruction: '写一首诗', input: '春天', output: '春风又绿江南岸', category: 'generation' };
    fs.writeFileSync(
      path.join(workspace.root, 'data.jsonl'),
      [good, { ...good, input: '夏天' }, { ...good, category: 'poetry' }]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    const [invalid, invalidJson, valid] = await Promise.all([
      runCli(['validate', 'data.jsonl', workspace.schema], { cwd: workspace.root }),
      runCli(['validate', 'data.jsonl', workspace.schema, '--json'], { cwd: workspace.root }),
      runCli(['validate', workspace.seeds, workspace.schema], { cwd: workspace.root }),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/#3: .*category/);
    expect(invalid.stdout).toContain('2 of 3 records valid');
    expect(JSON.parse(invalidJson.stdout)).toMatchObject({
      total: 3,
      valid: 2,
      invalid: 1,
      exitCode: 1,
      records: [{ index: 3 }],
    });
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('50 of 50 records valid');
  });

  it('stats: a readable table, or the raw object with --json', async () => {
    const workspace = makeWorkspace();
    const [table, json] = await Promise.all([
      runCli(['stats', workspace.seeds, '--schema', workspace.schema], { cwd: workspace.root }),
      runCli(['stats', workspace.seeds, '--schema', workspace.schema, '--json'], { cwd: workspace.root }),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Records\s+50$/m);
    expect(table.stdout).toMatch(/^category\s+string\s+50\s+0/m);
    expect(table.stdout).toContain('generation');
    expect(table.stdout).toContain('near-duplicate rate');
    expect(table.stdout).toMatch(/distinct-1\/2\/3 instruction\s+0\.\d\d \/ 0\.\d\d \/ 0\.\d\d/);
    expect(table.stdout).toMatch(/value spread category .*\s+0\.\d\d/);
    expect(table.stdout).toMatch(/nearest-neighbour similarity\s+mean 0\.\d\d, median/);
    const stats = JSON.parse(json.stdout);
    expect(stats.count).toBe(50);
    expect(Object.keys(stats.diversity)).toEqual(
      expect.arrayContaining([
        'distinct1',
        'distinct2',
        'distinct3',
        'lengthSpread',
        'valueSpread',
        'nearestNeighbour',
      ]),
    );
    expect(stats.fields.map((field: { name: string }) => field.name)).toEqual([
      'instruction',
      'input',
      'output',
      'category',
    ]);
  });

  it('stats --holdout: counts the records that overlap a held-out set, naming file and item', async () => {
    const workspace = makeWorkspace();
    const samples = readJson(workspace.seeds).samples as { id: string; data: Record<string, unknown> }[];
    const heldOut = path.join(workspace.root, 'eval.json');
    fs.writeFileSync(heldOut, JSON.stringify({ samples: samples.slice(10, 14) }));
    const run = await runCli(['stats', workspace.seeds, '--holdout', heldOut, '--json'], {
      cwd: workspace.root,
    });
    expect(run.code, run.stderr).toBe(0);
    const stats = JSON.parse(run.stdout);
    expect(stats.holdout).toMatchObject({ count: 4, rate: 4 / 50 });
    expect(stats.holdout.examples[0]).toEqual({
      index: 10,
      file: heldOut,
      item: 1,
      id: samples[10]!.id,
      kind: 'exact',
    });
    const table = await runCli(['stats', workspace.seeds, '--holdout', heldOut], { cwd: workspace.root });
    expect(table.stdout).toMatch(/overlaps a held-out item\s+8\.0% \(4\)/);
    const missing = await runCli(['stats', workspace.seeds, '--holdout', 'nope.jsonl'], {
      cwd: workspace.root,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Held-out file nope\.jsonl cannot be used/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stats --group-by: counts records and cost per provenance key from the sidecar', async () => {
    const workspace = makeWorkspace();
    const line = (id: string, model: string, seedIds: string[], costShare: number) =>
      JSON.stringify({
        id,
        model,
        callId: 'call-1',
        stablePromptHash: 'a',
        varyingPromptHash: 'b',
        seedIds,
        sampling: { maxTokens: 100 },
        costShare,
        acceptedAt: '2026-12-06T20:00:00.000Z',
      });
    fs.writeFileSync(
      `${workspace.seeds}.provenance.jsonl`,
      [
        line('SYNTH_0001', 'claude-sonnet-4-6-20260101', ['seed #1'], 0.001),
        line('SYNTH_0002', 'claude-sonnet-4-6-20260101', ['seed #1', 'seed #2'], 0.002),
        line('SYNTH_0003', 'claude-haiku-4-5', ['seed #2'], 0.0005),
      ].join('\n'),
    );
    const [table, json, missing, unknownKey] = await Promise.all([
      runCli(['stats', workspace.seeds, '--group-by', 'model'], { cwd: workspace.root }),
      runCli(['stats', workspace.seeds, '--group-by', 'seed', '--json'], { cwd: workspace.root }),
      runCli(['stats', workspace.schema, '--group-by', 'model'], { cwd: workspace.root }),
      runCli(['stats', workspace.seeds, '--group-by', 'colour'], { cwd: workspace.root }),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^claude-sonnet-4-6-20260101\s+2\s+\$0\.0030$/m);
    expect(table.stdout).toMatch(/^claude-haiku-4-5\s+1\s+\$0\.0005$/m);
    expect(JSON.parse(json.stdout).groups).toEqual({
      by: 'seed',
      rows: [
        { value: 'seed #1', records: 2, cost: 0.003 },
        { value: 'seed #2', records: 2, cost: 0.0025 },
      ],
    });
    expect(missing.code).toBe(2);
    // A key it does not know: one line that names every key it does.
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknownKey.stderr).toContain(
      'Allowed choices are model, requestId, stablePromptHash, varyingPromptHash, callId, seed, temperature, maxTokens, judgeScore, acceptedHour.',
    );
  });

  it('keeps per-record provenance that stats --group-by reads, with the run manifest; --no-provenance writes none', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'run.json');
    const run = await runCli(
      ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '9', '--batch-size', '3'],
      { cwd: workspace.root, env: anthropicEnv() },
    );
    expect(run.code, run.stderr).toBe(0);
    const ids = readJson(output).samples.map((sample: { id: string }) => sample.id);
    const sidecar = fs
      .readFileSync(`${output}.provenance.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(sidecar.map((line: { id: string }) => line.id)).toEqual(ids);
    const summaryRow = run.stdout.split('\n').find((row) => row.startsWith('Provenance '));
    expect(summaryRow?.split(/\s{2,}/)).toEqual(['Provenance', `${output}.provenance.jsonl`]);
    const calls = new Set(sidecar.map((line: { callId: string }) => line.callId));

    const [table, json] = await Promise.all([
      runCli(['stats', output, '--group-by', 'model'], { cwd: workspace.root }),
      runCli(['stats', output, '--group-by', 'callId', '--json'], { cwd: workspace.root }),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^claude-sonnet-5-5\s+9\s+\$\d+\.\d{4}$/m);
    expect(table.stdout).toMatch(/^schema\s+[0-9a-f]{64}$/m);
    const stats = JSON.parse(json.stdout);
    expect(stats.groups.rows.map((row: { value: string }) => row.value).sort()).toEqual([...calls].sort());
    expect(stats.groups.rows.reduce((sum: number, row: { records: number }) => sum + row.records, 0)).toBe(9);
    expect(stats.manifest).toEqual(
      readJson(path.join(workspace.root, '.datasynth', 'run.json.state.json')).manifest,
    );

    const off = await runCli(
      [
        'create',
        workspace.schema,
        workspace.seeds,
        '-o',
        output,
        '-n',
        '4',
        '--no-provenance',
        '--overwrite',
      ],
      { cwd: workspace.root, env: anthropicEnv() },
    );
    expect(off.code, off.stderr).toBe(0);
    expect(countRecords(output)).toBe(4);
    expect(fs.existsSync(`${output}.provenance.jsonl`)).toBe(false);
    expect(off.stdout).not.toContain('Provenance');
    const grouped = await runCli(['stats', output, '--group-by', 'model'], { cwd: workspace.root });
    expect(grouped.code).toBe(2);
    expect(grouped.stderr.trim().split('\n')).toHaveLength(1);
    expect(grouped.stderr).toMatch(/--no-provenance/);
    expectNoSecrets(run, workspace);
  });

  it('convert: rewrites records in another format', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['convert', workspace.seeds, '-o', 'alpaca.json', '--format', 'alpaca'], {
      cwd: workspace.root,
    });
    expect(run.code, run.stderr).toBe(0);
    const records = readJson(path.join(workspace.root, 'alpaca.json'));
    expect(records).toHaveLength(50);
    expect(Object.keys(records[0])).toEqual(expect.arrayContaining(['instruction', 'input', 'output']));
    expect(run.stdout).toContain('Converted 50 records');
  });

  it('init writes a documented config that --config reads; flags override it; refuses to overwrite', async () => {
    const workspace = makeWorkspace();
    const first = await runCli(['init'], { cwd: workspace.root });
    expect(first.code, first.stderr).toBe(0);
    const config = readJson(path.join(workspace.root, 'datasynth.config.json'));
    const schema = readJson(path.join(workspace.root, 'datasynth.config.schema.json'));
    expect(config).toMatchObject({
      $schema: './datasynth.config.schema.json',
      targetCount: 100,
      model: 'claude-sonnet-5-5',
    });
    for (const [key, property] of Object.entries<Record<string, unknown>>(schema.properties)) {
      expect(property.description, key).toEqual(expect.any(String));
    }
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(config)));

    fs.writeFileSync(
      path.join(workspace.root, 'datasynth.config.json'),
      JSON.stringify({ ...config, targetCount: 2, batchSize: 2 }, null, 2),
    );
    const [fromConfig, overridden, refused] = await Promise.all([
      runCli(
        [
          'create',
          workspace.schema,
          workspace.seeds,
          '-o',
          'a.jsonl',
          '--config',
          'datasynth.config.json',
          '--json',
        ],
        {
          cwd: workspace.root,
          env: anthropicEnv(),
        },
      ),
      runCli(
        [
          'create',
          workspace.schema,
          workspace.seeds,
          '-o',
          'b.jsonl',
          '--config',
          'datasynth.config.json',
          '-n',
          '3',
          '--json',
        ],
        {
          cwd: workspace.root,
          env: anthropicEnv(),
        },
      ),
      runCli(['init'], { cwd: workspace.root }),
    ]);
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    expect(JSON.parse(fromConfig.stdout)).toMatchObject({ targetCount: 2, generatedCount: 2 });
    expect(overridden.code, overridden.stderr).toBe(0);
    expect(JSON.parse(overridden.stdout)).toMatchObject({ targetCount: 3, generatedCount: 3 });
    expect(refused.code).toBe(2);
    const forced = await runCli(['init', '--force'], { cwd: workspace.root });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readJson(path.join(workspace.root, 'datasynth.config.json')).targetCount).toBe(100);
  });

  it('speaks Chinese with --ui-lang zh or a zh locale', async () => {
    const workspace = makeWorkspace();
    const [flag, locale] = await Promise.all([
      runCli(['generate', workspace.analysisDir, '-n', '3', '--ui-lang', 'zh'], {
        cwd: workspace.root,
        env: anthropicEnv(),
      }),
      runCli(['estimate', '-n', '10'], { cwd: workspace.root, env: { LANG: 'zh_CN.UTF-8' } }),
    ]);
    expect(flag.code, flag.stderr).toBe(0);
    expect(flag.stdout).toContain('目标数量');
    expect(flag.stdout).toContain('实际费用');
    expect(flag.stderr).toContain('正在用 claude-sonnet-5-5');
    expect(locale.code, locale.stderr).toBe(0);
    expect(locale.stdout).toContain('预估费用');
  });

  it('--quiet prints nothing on success', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '3', '--quiet'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    expect(countRecords(workspace.defaultOutput)).toBe(3);
  });

  it('the cost cap stops the run with exit 3 and prints the resume command', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '50', '--max-cost', '0.0001'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(
      `Resume with: datasynth generate ${workspace.analysisDir} -n 50 --max-cost 0.0001 --resume`,
    );
    expect(run.stdout).toContain('budget');
    expectNoSecrets(run, workspace);
  });

  it('an exhausted quota stops the run with exit 4 and prints the resume command', async () => {
    await using quotaServer = await startTestServer({ faults: { quota: 1 } });
    const workspace = makeWorkspace();
    const run = await runCli(['generate', workspace.analysisDir, '-n', '5', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(quotaServer),
    });
    expect(run.code, run.stderr).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ stoppedBecause: 'quota', exitCode: 4 });
    expect(run.stderr).toMatch(/Resume with: datasynth generate .* --resume$/m);
    expectNoSecrets(run, workspace);
  });

  it('--json failures still print one JSON document with the exit code', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(['generate', 'no-such-dir', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: 2, error: { code: 'invalid_input' } });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('resume refuses a different schema (exit 2) and leaves the output alone', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'out.jsonl');
    const first = await runCli(['create', workspace.schema, workspace.seeds, '-o', output, '-n', '3'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(first.code, first.stderr).toBe(0);
    const other = path.join(workspace.root, 'other-schema.json');
    const schema = readJson(workspace.schema);
    fs.writeFileSync(
      other,
      JSON.stringify({ ...schema, fields: [...schema.fields, { name: 'score', type: 'integer' }] }),
    );
    const before = hashTree(workspace.root);
    const run = await runCli(['create', other, workspace.seeds, '-o', output, '-n', '6', '--resume'], {
      cwd: workspace.root,
      env: anthropicEnv(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(hashTree(workspace.root)).toEqual(before);
  });
});

describe('Ctrl-C', () => {
  it('first SIGINT saves and exits 130 with the resume command; --resume then completes to the exact count', async () => {
    await using slowServer = await startTestServer({ latencyMs: 250 });
    const workspace = makeWorkspace();
    const args = ['generate', workspace.analysisDir, '-n', '30', '--batch-size', '2', '--concurrency', '2'];
    const run = await runCli(args, {
      cwd: workspace.root,
      env: anthropicEnv(slowServer),
      onSpawn: (child) => {
        let seen = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (/^\d+\/30 · /m.test(seen) && !child.killed) child.kill('SIGINT');
        });
      },
    });
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain(`Resume with: datasynth ${args.join(' ')} --resume`);
    const partial = countRecords(workspace.defaultOutput);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(30);

    const resumed = await runCli([...args, '--resume', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(slowServer),
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ generatedCount: 30, stoppedBecause: 'done' });
    expect(countRecords(workspace.defaultOutput)).toBe(30);
    expectNoSecrets(resumed, workspace);
  });

  it('a second SIGINT exits at once, and the journal still resumes', async () => {
    // Calls never answer and the grace after the first Ctrl-C is an hour: the run can end before the
    // test's timeout only through the second Ctrl-C, so no clock decides the verdict.
    await using slowServer = await startTestServer({ faults: { hang: 1 } });
    const workspace = makeWorkspace();
    fs.writeFileSync(
      path.join(workspace.root, 'patient.config.json'),
      JSON.stringify({ cancelGraceMs: 3_600_000, requestTimeoutMs: 3_600_000 }),
    );
    const args = ['generate', workspace.analysisDir, '-n', '6', '--batch-size', '2', '--concurrency', '2'];
    let secondSent = false;
    const run = await runCli([...args, '--config', 'patient.config.json'], {
      cwd: workspace.root,
      env: anthropicEnv(slowServer),
      onSpawn: (child) => {
        let seen = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (!child.killed && seen.includes('Generating 6 records')) {
            child.kill('SIGINT');
          } else if (!secondSent && seen.includes('Press Ctrl-C again')) {
            secondSent = true;
            child.kill('SIGINT');
          }
        });
      },
    });
    expect(run.code).toBe(130);
    expect(secondSent).toBe(true);
    await using fastServer = await startTestServer();
    const resumed = await runCli([...args, '--resume', '--json'], {
      cwd: workspace.root,
      env: anthropicEnv(fastServer),
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(countRecords(workspace.defaultOutput)).toBe(6);
  });
});

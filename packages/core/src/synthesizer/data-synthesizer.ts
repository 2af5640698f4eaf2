import path from 'node:path';
import { type GenerateRequest, inferProvider, type LanguageModel, resolveModel } from '@datasynth/providers';
import { parseSynthesisConfig } from '../config/parse-config.js';
import type { ResolvedSynthesisConfig, SynthesisConfig } from '../config/synthesis-config.js';
import { loadHoldout } from '../contamination/load-holdout.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { estimateSynthesis, type SynthesisEstimate, samplePrompts } from '../estimate/estimate-synthesis.js';
import { type InputSource, loadInputs, type SynthesisInputs } from '../inputs/load-inputs.js';
import { checkJudgeOnGold, type JudgeGoldCheck } from '../judge/check-judge-on-gold.js';
import { readJudgeGold } from '../judge/judge-gold.js';
import { type InputFile, preflightRun } from '../preflight/index.js';
import { runSecrets } from '../secrets/secret-scanner.js';
import { loadTopicsFile } from '../steering/load-topics.js';
import { requireCredentials } from './credentials.js';
import type { SynthesisEvent, SynthesisResult } from './events.js';
import type { RunSecretsOption } from './open-run.js';
import { runSynthesis, type SynthesisRunOptions } from './synthesis-run.js';

/** Things that are not settings: secrets and injected collaborators. Never serialised. */
export interface DataSynthesizerOptions {
  /** API key; defaults to ANTHROPIC_API_KEY / OPENAI_API_KEY from the environment. */
  apiKey?: string;
  /** Extra HTTP headers for every call. */
  headers?: Record<string, string>;
  /** A ready model (any `@datasynth/providers` LanguageModel) instead of resolving `config.model`. */
  languageModel?: LanguageModel;
  /** A ready judge model instead of resolving `config.judge.model` (used only when `config.judge` is set). */
  judgeLanguageModel?: LanguageModel;
}

/** How one run treats files and reports progress. */
export interface RunOptions {
  /** Output path; for DataRecipe folders defaults to `<dir>/11_合成数据/synthetic.json`. */
  output?: string;
  /** Continue an interrupted run in `output` (same schema required). */
  resume?: boolean;
  /** Replace an existing output. */
  overwrite?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: SynthesisEvent) => void;
}

/** Inputs plus run options for `synthesize`. */
export type SynthesizeOptions = RunOptions & ({ inputs: SynthesisInputs } | InputSource);

/**
 * Turns a schema and a few seed records into valid, deduplicated records, through one pipeline:
 * plan → governed calls → parse → validate → dedup → journal → output.
 *
 * ```ts
 * const synth = new DataSynthesizer({ targetCount: 100, model: 'claude-sonnet-5-5' });
 * const result = await synth.synthesizeFromDataRecipe('./output/my_dataset/');
 * ```
 */
export class DataSynthesizer {
  /** Settings with defaults applied. */
  readonly config: ResolvedSynthesisConfig;
  readonly #options: DataSynthesizerOptions;
  #model: LanguageModel | undefined;
  #judgeModel: LanguageModel | undefined;

  constructor(config: SynthesisConfig = {}, options: DataSynthesizerOptions = {}) {
    this.config = parseSynthesisConfig(config);
    this.#options = options;
  }

  /** Generates from a DataRecipe analysis folder; writes `<dir>/11_合成数据/synthetic.json` by default. */
  synthesizeFromDataRecipe(analysisDir: string, options: RunOptions = {}): Promise<SynthesisResult> {
    return this.synthesize({ ...options, analysisDir });
  }

  /** Generates from a schema and seeds (objects or file paths) into `output`. */
  async synthesize(options: SynthesizeOptions): Promise<SynthesisResult> {
    if (options.resume && (options.overwrite || this.config.overwrite)) {
      throw new SynthesisError('invalid_input', 'Choose either resume or overwrite, not both.');
    }
    const inputs = 'inputs' in options ? options.inputs : this.#loadInputs(options);
    const output = options.output ?? inputs.defaultOutput;
    if (!output) {
      throw new SynthesisError('invalid_input', 'No output path: say where to write the records.');
    }
    // The preflight: nothing is written (no journal) and nothing paid for until it passes.
    preflightRun({ output, inputs: this.#inputFiles(inputs), format: this.config.outputFormat });
    const topicsFile = this.config.steering?.topicsFile;
    // Read here as well as in the run, so that a bad topics file is refused before the journal exists.
    if (topicsFile !== undefined) loadTopicsFile(topicsFile, { maxInputBytes: this.config.maxInputBytes });
    const model = this.model();
    // Held-out files are read before anything else is, so a bad one stops the run before it starts.
    const holdout =
      this.config.holdout.length > 0
        ? await loadHoldout(this.config.holdout, { threshold: this.config.dedup.threshold })
        : undefined;
    // So is the gold file: the judge is checked on it inside the run, once the output is opened.
    const goldFile = this.config.judgeGold;
    const judgeGold =
      goldFile === undefined ? undefined : { file: goldFile, items: await readJudgeGold(goldFile) };
    const estimate = this.estimate(inputs);
    // The setup above runs without a break: let a Ctrl-C or SIGTERM that arrived meanwhile reach the
    // signal, so the run stops as cancelled before its first call.
    await new Promise((resolve) => setImmediate(resolve));
    const runOptions: SynthesisRunOptions & RunSecretsOption = {
      config: this.config,
      inputs,
      model,
      output: path.resolve(output),
      mode: options.resume ? 'resume' : options.overwrite || this.config.overwrite ? 'overwrite' : 'new',
      ...(options.signal && { signal: options.signal }),
      ...(options.onEvent && { onEvent: options.onEvent }),
      ...(estimate.cost.chosen !== undefined && { estimatedCost: estimate.cost.chosen }),
      ...((this.config.judge || judgeGold) && { judgeModel: this.judgeModel() }),
      ...(holdout && { holdout }),
      ...(judgeGold && { judgeGold }),
      secrets: runSecrets({ apiKey: this.#options.apiKey, headers: this.#options.headers }),
    };
    return runSynthesis(runOptions);
  }

  /**
   * Runs the judge on records with human judgements (`goldPath`, default the `judgeGold` setting) and
   * measures its agreement with them: Cohen's kappa of the keep/reject decisions, Spearman's rank
   * correlation of the scores, and whether the judge is the generating model. The judge is set up as
   * a run would set it up (`judge` settings, or their defaults). Its calls are metered and priced in
   * the answer; they are not held to `maxCost`. A run with `judgeGold` set does this check itself,
   * after its output checks, under its `maxCost`, and keeps the figures in its state and report.
   */
  async checkJudge(
    source: InputSource | SynthesisInputs,
    options: { goldPath?: string; signal?: AbortSignal } = {},
  ): Promise<JudgeGoldCheck> {
    const file = options.goldPath ?? this.config.judgeGold;
    if (file === undefined) {
      throw new SynthesisError(
        'invalid_input',
        'No gold file: set `judgeGold` to records with human scores.',
      );
    }
    const inputs = 'invalidSeeds' in source ? source : this.#loadInputs(source);
    return checkJudgeOnGold({
      config: this.config,
      inputs,
      judgeModel: this.judgeModel(),
      generatorModel: this.model().modelId,
      file,
      ...(options.signal && { signal: options.signal }),
    });
  }

  /**
   * Estimates tokens and cost from the real prompt these inputs produce (or documented defaults),
   * at batch-API prices when `batchApi` is set (`options.batchApi` overrides it).
   */
  estimate(source?: InputSource | SynthesisInputs, options: { batchApi?: boolean } = {}): SynthesisEstimate {
    const inputs =
      source === undefined ? undefined : 'invalidSeeds' in source ? source : this.#loadInputs(source);
    return estimateSynthesis(this.config, inputs, options);
  }

  /** Reads a run's inputs within the `maxInputBytes` limit. */
  #loadInputs(source: InputSource): SynthesisInputs {
    return loadInputs(source, { maxInputBytes: this.config.maxInputBytes });
  }

  /** Every file this run reads, for the preflight. */
  #inputFiles(inputs: SynthesisInputs): InputFile[] {
    const topicsFile = this.config.steering?.topicsFile;
    return [
      ...(inputs.files ?? []),
      ...(topicsFile === undefined ? [] : [{ path: topicsFile, role: 'topics' as const }]),
      ...this.config.holdout.map((file) => ({ path: file, role: 'holdout' as const })),
      ...(this.config.judgeGold === undefined
        ? []
        : [{ path: this.config.judgeGold, role: 'gold' as const }]),
    ];
  }

  /**
   * The judge model (resolved once): `config.judge.model`, else the run's model. It shares the run's
   * API key and base URL when it is from the same provider; otherwise its key comes from the
   * environment and its base URL from `config.judge.baseURL`.
   */
  judgeModel(): LanguageModel {
    if (this.#options.judgeLanguageModel) return this.#options.judgeLanguageModel;
    const judge = this.config.judge;
    if (!judge?.model) return this.model();
    if (!this.#judgeModel) {
      const provider =
        judge.provider ?? inferProvider(judge.model, { ...(judge.baseURL && { baseURL: judge.baseURL }) });
      const main = this.model();
      const sameProvider = main.provider === provider;
      const baseURL = judge.baseURL ?? (sameProvider ? this.config.baseURL : undefined);
      this.#judgeModel = resolveModel(judge.model, {
        ...(judge.provider && { provider: judge.provider }),
        ...(baseURL && { baseURL }),
        ...(sameProvider && this.#options.apiKey && { apiKey: this.#options.apiKey }),
        ...(this.#options.headers && { headers: this.#options.headers }),
        timeoutMs: this.config.requestTimeoutMs,
      });
    }
    return this.#judgeModel;
  }

  /**
   * Like `estimate`, but counts the prompt with the provider's count-tokens endpoint (Anthropic's
   * `count_tokens`) instead of offline: exact, and needs a key. Models without such an endpoint fall
   * back to the offline count with a warning.
   */
  async estimateExact(
    source: InputSource | SynthesisInputs,
    options: { batchApi?: boolean; signal?: AbortSignal } = {},
  ): Promise<SynthesisEstimate> {
    const inputs = 'invalidSeeds' in source ? source : this.#loadInputs(source);
    const model = this.model();
    if (!model.countTokens) {
      const estimate = estimateSynthesis(this.config, inputs, options);
      return {
        ...estimate,
        warnings: [
          ...estimate.warnings,
          `${model.provider} has no token-counting endpoint: the prompt was counted offline.`,
        ],
      };
    }
    const { stable, varying } = samplePrompts(this.config, inputs);
    const request = (messages: GenerateRequest['messages']): GenerateRequest => ({
      system: [{ text: stable.prompt.text, cache: this.config.promptCaching }],
      messages,
      maxTokens: 1,
    });
    const countOptions = options.signal ? { signal: options.signal } : undefined;
    // The stable part alone still needs a user turn; a one-character one is what the difference leaves out.
    const withStableOnly = await model.countTokens(request([{ role: 'user', content: '.' }]), countOptions);
    const whole = await model.countTokens(request([{ role: 'user', content: varying }]), countOptions);
    return estimateSynthesis(this.config, inputs, {
      ...(options.batchApi !== undefined && { batchApi: options.batchApi }),
      exactPromptTokens: { stable: withStableOnly, varying: Math.max(0, whole - withStableOnly) },
    });
  }

  /** The model this synthesizer calls (resolved once). Fails fast when no key is available. */
  model(): LanguageModel {
    if (this.#options.languageModel) return this.#options.languageModel;
    if (!this.#model) {
      requireCredentials(this.config, this.#options.apiKey);
      this.#model = resolveModel(this.config.model, {
        ...(this.config.provider && { provider: this.config.provider }),
        ...(this.config.baseURL && { baseURL: this.config.baseURL }),
        ...(this.#options.apiKey && { apiKey: this.#options.apiKey }),
        ...(this.#options.headers && { headers: this.#options.headers }),
        timeoutMs: this.config.requestTimeoutMs,
      });
    }
    return this.#model;
  }
}

import { costOf } from '@datasynth/cost';
import type { GenerateResult, LanguageModel } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { CallProvenance, PromptProvenance } from '../provenance/call-provenance.js';
import type { ProviderBatchState } from './run-state.js';

const SEED_ID = /^seed #(\d+)$/;

/** Keeps what a planned batch request shows the model in its state entry, packed. */
export function keepBatchPrompt(entry: ProviderBatchState, customId: string, prompt: PromptProvenance): void {
  entry.prompts ??= { stablePromptHash: prompt.stablePromptHash ?? '', requests: {} };
  entry.prompts.requests[customId] = [
    prompt.varyingPromptHash ?? '',
    prompt.seedIds.map((id) => Number(SEED_ID.exec(id)?.[1] ?? 0)),
    prompt.sampling?.maxTokens ?? 0,
  ];
}

/**
 * The provenance of one answered provider batch request: `batch-<batch id>/request-<custom id>`,
 * the model and request id the provider reported, what the request showed (kept in the run state
 * when it was planned, so a later session collecting the batch has it too) and its cost at batch
 * prices. Undefined when the state holds no prompt for it (a batch planned with `provenance` off).
 */
export function batchRequestProvenance(options: {
  entry: ProviderBatchState;
  customId: string;
  result: GenerateResult;
  model: LanguageModel;
  config: Pick<ResolvedSynthesisConfig, 'prices'>;
}): CallProvenance | undefined {
  const { entry, customId, result, model, config } = options;
  const packed = entry.prompts?.requests[customId];
  if (!entry.prompts || !packed) return undefined;
  const [varyingPromptHash, seeds, maxTokens] = packed;
  // Batch requests are sent as planned: no temperature (see RequestPlan.forAttempt).
  const prompt: PromptProvenance = {
    stablePromptHash: entry.prompts.stablePromptHash,
    varyingPromptHash,
    seedIds: seeds.map((position) => `seed #${position}`),
    sampling: { maxTokens },
  };
  return {
    callId: `batch-${entry.id}/request-${customId}`,
    model: result.model ?? model.modelId,
    ...(result.requestId !== undefined && { requestId: result.requestId }),
    prompt,
    cost: costOf(result.usage, model.modelId, {
      batch: true,
      ...(config.prices && { overrides: config.prices }),
    }),
  };
}

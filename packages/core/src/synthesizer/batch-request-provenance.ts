import { costOf } from '@datasynth/cost';
import type { GenerateResult, LanguageModel } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { CallProvenance } from '../provenance/call-provenance.js';
import type { ProviderBatchState } from './run-state.js';

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
  const prompt = entry.prompts?.[customId];
  if (!prompt) return undefined;
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

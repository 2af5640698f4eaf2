import { describe, expect, it } from 'vitest';
import { ProviderError } from '../spec/provider-error.js';
import { isOutputModeRejection } from './output-mode-rejection.js';

describe('isOutputModeRejection', () => {
  it('takes a 400 or 422 about the response format as a refusal of the mode', () => {
    const refused = new ProviderError({
      kind: 'invalid_request',
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    });
    expect(isOutputModeRejection(refused)).toBe(true);
  });

  it("takes llama-cpp-python's 500 validation error on response_format as a refusal, not a server fault", () => {
    // The message llama-cpp-python 0.3.36 returns for type 'json_schema' (pnpm test:real, 2026-12-06).
    const llamaCpp = new ProviderError({
      kind: 'server',
      status: 500,
      retryable: true,
      message:
        "The OpenAI-compatible server had a server error (500): 1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}",
    });
    expect(isOutputModeRejection(llamaCpp)).toBe(true);
  });

  it('leaves other server errors and unrelated 400s to the retry policy', () => {
    const crash = new ProviderError({
      kind: 'server',
      status: 500,
      retryable: true,
      message: 'CUDA out of memory',
    });
    const validationElsewhere = new ProviderError({
      kind: 'server',
      status: 500,
      retryable: true,
      message: "1 validation error: {'loc': ('body', 'messages')}",
    });
    const badKey = new ProviderError({
      kind: 'invalid_request',
      status: 400,
      message: 'max_tokens is too large',
    });
    expect(isOutputModeRejection(crash)).toBe(false);
    expect(isOutputModeRejection(validationElsewhere)).toBe(false);
    expect(isOutputModeRejection(badKey)).toBe(false);
  });
});

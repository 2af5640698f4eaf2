import type { GenerateRequest, GenerateResult, LanguageModel } from '@datasynth/providers';

/** One call a {@link RecordingModel} passed on, with what came back. */
export interface RecordedCall {
  request: GenerateRequest;
  result: GenerateResult;
}

/**
 * A real model (an adapter talking to the loopback server) that also keeps every successful call,
 * so a test can check what was asked and what the model answered. Not a mock: every call goes out.
 */
export class RecordingModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly calls: RecordedCall[] = [];
  readonly #inner: LanguageModel;

  constructor(inner: LanguageModel) {
    this.#inner = inner;
  }

  get provider() {
    return this.#inner.provider;
  }

  get modelId() {
    return this.#inner.modelId;
  }

  get capabilities() {
    return { ...this.#inner.capabilities, batch: false };
  }

  async generate(request: GenerateRequest, options?: { signal?: AbortSignal }): Promise<GenerateResult> {
    const result = await this.#inner.generate(request, options);
    this.calls.push({ request, result });
    return result;
  }
}

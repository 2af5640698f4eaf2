// Someone else's tool using @datasynth/providers alone: label customer reviews with Claude,
// and with an OpenAI model too when OPENAI_API_KEY is set.
// Run: ANTHROPIC_API_KEY=... node examples/other-tool.mjs
// Keys and base URLs come from the environment (ANTHROPIC_BASE_URL / OPENAI_BASE_URL point at
// a proxy or a local server); the adapters read them at the first request.
import { createAnthropic, createOpenAI, ProviderError } from '@datasynth/providers';

const labelSchema = {
  type: 'object',
  properties: {
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    topics: { type: 'array', items: { type: 'string' } },
    summary: { type: 'string' },
  },
  required: ['sentiment', 'topics'],
};

const request = {
  system: [{ text: 'You label customer reviews for a support team.', cache: true }],
  messages: [
    { role: 'user', content: 'Review: "The battery died after two days and support never answered."' },
  ],
  output: { name: 'review_label', description: 'The label of one review.', schema: labelSchema },
  maxTokens: 400,
};

const models = [createAnthropic({ timeoutMs: 30_000 })('claude-haiku-5-5')];
if (process.env.OPENAI_API_KEY) models.push(createOpenAI({ timeoutMs: 30_000 })('gpt-4.1-mini'));

try {
  for (const model of models) {
    const result = await model.generate(request);
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    console.log(
      JSON.stringify({
        provider: model.provider,
        outputMode: result.outputMode,
        label: result.object,
        tokens: result.usage.inputTokens + result.usage.cacheReadTokens + result.usage.outputTokens,
      }),
    );
  }
} catch (error) {
  if (!ProviderError.isInstance(error)) throw error;
  // kind, retryable and retryAfterMs say what to do; the message never contains the key.
  console.error(`${error.kind}${error.retryable ? ' (retryable)' : ''}: ${error.message}`);
  process.exitCode = error.retryable ? 75 : 1;
}

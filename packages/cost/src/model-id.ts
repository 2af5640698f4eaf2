const PROVIDER_PREFIX = /^(?:anthropic|openai|deepseek|dashscope|qwen|alibaba)[:/]/;
// Anthropic snapshots end in -YYYYMMDD, OpenAI/DeepSeek/Qwen in -YYYY-MM-DD, Vertex AI in @YYYYMMDD.
const SNAPSHOT_SUFFIX = /(?:-\d{8}|-\d{4}-\d{2}-\d{2}|@\d{8})$/;

/** A model id without surrounding space, letter case or provider prefix (`openai/GPT-4o` → `gpt-4o`). */
export function bareModelId(modelId: string): string {
  return modelId.trim().toLowerCase().replace(PROVIDER_PREFIX, '');
}

/** A model id without its snapshot date (`gpt-4o-2024-08-06` → `gpt-4o`); the id itself when undated. */
export function undatedModelId(modelId: string): string {
  return modelId.replace(SNAPSHOT_SUFFIX, '');
}

/** The smallest generation request each SDK sends: one record, no schema (for tests). */
export const anthropicRequest = {
  model: 'claude-sonnet-4-6',
  max_tokens: 500,
  messages: [{ role: 'user' as const, content: 'Write 1 record.' }],
};

/** See {@link anthropicRequest}. */
export const openaiRequest = {
  model: 'gpt-4.1-mini',
  messages: [{ role: 'user' as const, content: 'Write 1 record.' }],
};

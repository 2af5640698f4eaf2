import type { ProviderError } from '../spec/provider-error.js';

const outputModeWords =
  /response_format|json_schema|json_object|output_config|output_format|structured|schema|format|strict|tool/i;

/**
 * Whether a failure looks like the server refusing the requested structured-output mode (a 400
 * or 422 whose message is about formats, schemas or tools), which a step down can fix.
 *
 * llama-cpp-python's server (0.3.36) answers a request validation error with a 500 instead: for
 * `response_format: {type: 'json_schema'}` it says `500 … validation error … 'loc': ('body',
 * 'response_format', 'type') … Input should be 'text' or 'json_object'` (seen with the real server
 * in `pnpm test:real`, 2026-12-06). Retrying that cannot help; stepping down does.
 */
export function isOutputModeRejection(error: ProviderError): boolean {
  if (
    error.kind === 'invalid_request' &&
    (error.status === 400 || error.status === 422) &&
    outputModeWords.test(error.message)
  )
    return true;
  return (
    error.status === 500 && /validation error/i.test(error.message) && /response_format/.test(error.message)
  );
}

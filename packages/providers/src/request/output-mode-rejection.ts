import type { ProviderError } from '../spec/provider-error.js';

const outputModeWords =
  /response_format|json_schema|json_object|output_config|output_format|structured|schema|format|strict|tool/i;

/**
 * Whether a failure looks like the server refusing the requested structured-output mode (a 400
 * or 422 whose message is about formats, schemas or tools), which a step down can fix.
 */
export function isOutputModeRejection(error: ProviderError): boolean {
  return (
    error.kind === 'invalid_request' &&
    (error.status === 400 || error.status === 422) &&
    outputModeWords.test(error.message)
  );
}

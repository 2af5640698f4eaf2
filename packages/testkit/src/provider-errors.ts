/** Provider-neutral error kinds the server can answer with. */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'quota'
  | 'server'
  | 'overloaded';

/** Which wire format a route speaks. */
export type Provider = 'anthropic' | 'openai';

/** Status and JSON body of an error in a provider's wire format. */
export interface ErrorResponse {
  status: number;
  body: unknown;
}

const anthropicErrors: Record<ErrorKind, { status: number; type: string }> = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  authentication: { status: 401, type: 'authentication_error' },
  permission: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  rate_limit: { status: 429, type: 'rate_limit_error' },
  quota: { status: 429, type: 'rate_limit_error' },
  server: { status: 500, type: 'api_error' },
  overloaded: { status: 529, type: 'overloaded_error' },
};

const openaiErrors: Record<ErrorKind, { status: number; type: string; code: string | null }> = {
  invalid_request: { status: 400, type: 'invalid_request_error', code: null },
  authentication: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  permission: { status: 403, type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  not_found: { status: 404, type: 'invalid_request_error', code: null },
  rate_limit: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  quota: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  server: { status: 500, type: 'server_error', code: null },
  overloaded: { status: 503, type: 'server_error', code: null },
};

const defaultMessages: Record<ErrorKind, string> = {
  invalid_request: 'Invalid request.',
  authentication: 'invalid x-api-key',
  permission: 'Your API key does not have permission to use the specified resource.',
  not_found: 'The requested resource was not found.',
  rate_limit:
    'This request would exceed the rate limit for your organization. Please retry after a short wait.',
  quota: 'You have reached your specified API usage limits or your credit balance is too low.',
  server: 'Internal server error.',
  overloaded: 'Overloaded',
};

/** An error in the provider's wire format (Anthropic `{type:'error', error}`, OpenAI `{error}`). */
export function providerError(
  provider: Provider,
  kind: ErrorKind,
  message?: string,
  options: { param?: string; openaiType?: string; code?: string | null } = {},
): ErrorResponse {
  if (provider === 'anthropic') {
    const { status, type } = anthropicErrors[kind];
    return { status, body: { type: 'error', error: { type, message: message ?? defaultMessages[kind] } } };
  }
  const { status, type, code } = openaiErrors[kind];
  const openaiMessage =
    message ??
    (kind === 'quota'
      ? 'You exceeded your current quota, please check your plan and billing details.'
      : kind === 'authentication'
        ? 'Incorrect API key provided.'
        : kind === 'overloaded'
          ? 'The server is overloaded or not ready yet.'
          : defaultMessages[kind]);
  return {
    status,
    body: {
      error: {
        message: openaiMessage,
        type: options.openaiType ?? type,
        param: options.param ?? null,
        code: options.code === undefined ? code : options.code,
      },
    },
  };
}

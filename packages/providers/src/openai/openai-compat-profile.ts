import type { LanguageModelCapabilities, ProviderName } from '../spec/language-model.js';
import type { OpenAICompat } from './openai-settings.js';

/** The structured-output modes the OpenAI adapter uses, best first. */
export type OpenAIOutputMode = 'json_schema' | 'json_object' | 'text';

/** How to talk to one server dialect. */
export interface OpenAICompatProfile {
  provider: ProviderName;
  /** Name for messages. */
  label: string;
  capabilities: LanguageModelCapabilities;
  /** Output modes to try, best first; a rejected mode steps down to the next one. */
  outputModes: OpenAIOutputMode[];
  /** Send `strict: true` with a strict-subset schema. */
  strictSchema: boolean;
  /** In JSON mode, send the output schema too, as `response_format.schema` (llama.cpp's dialect). */
  jsonObjectSchema: boolean;
  /** Name of the output-token limit parameter. */
  maxTokensParameter: 'max_completion_tokens' | 'max_tokens';
  /** Environment variables that may hold the key, first one named in messages. */
  apiKeyEnv: string[];
  /** Environment variable for the base URL, when this dialect reads one. */
  baseURLEnv?: string;
  /** Base URL when none is given. */
  defaultBaseURL?: string;
  /** A key is optional (self-hosted servers); a placeholder is sent instead. */
  keyOptional: boolean;
  /** Whether to forward OPENAI_ORG_ID / OPENAI_PROJECT_ID (only to OpenAI itself). */
  sendOrganization: boolean;
}

/**
 * Every compatible dialect tries the best mode first and steps down only when the server refuses
 * one (a 400 naming `response_format`), except where the server's own documentation says a mode
 * is not there.
 */
const schemaModes: OpenAIOutputMode[] = ['json_schema', 'json_object', 'text'];
/**
 * DeepSeek documents JSON Output as `response_format: {type: 'json_object'}` only, with no JSON
 * schema mode: https://api-docs.deepseek.com/guides/json_mode (read 2026-12-06).
 */
const deepSeekModes: OpenAIOutputMode[] = ['json_object', 'text'];

/** What every compatible dialect shares: its own provider name, plain `max_tokens`, no OpenAI extras. */
const compatible = {
  provider: 'openai-compatible' as const,
  label: 'the OpenAI-compatible server',
  strictSchema: false,
  jsonObjectSchema: false,
  maxTokensParameter: 'max_tokens' as const,
  sendOrganization: false,
};

/** Where a dialect's key and base URL come from, and which modes it tries. */
interface DialectRow {
  apiKeyEnv: string[];
  /** Without one, the base URL is read from OPENAI_BASE_URL. */
  defaultBaseURL?: string;
  outputModes?: OpenAIOutputMode[];
}

/** A server the user runs (Ollama, vLLM, llama.cpp, any other): no key needed, no caching, no batches. */
function selfHosted(row: DialectRow, structuredOutput: 'json_schema' | 'none' = 'json_schema') {
  return {
    ...compatible,
    capabilities: { structuredOutput, promptCaching: false, batch: false },
    outputModes: row.outputModes ?? schemaModes,
    apiKeyEnv: row.apiKeyEnv,
    ...(row.defaultBaseURL ? { defaultBaseURL: row.defaultBaseURL } : { baseURLEnv: 'OPENAI_BASE_URL' }),
    keyOptional: true,
  };
}

/** A hosted compatible API (DeepSeek, DashScope): its own key, no batch API, caching only where it says. */
function hosted(
  row: DialectRow & { defaultBaseURL: string },
  capabilities: Pick<LanguageModelCapabilities, 'structuredOutput'> & { promptCaching?: boolean },
) {
  return {
    ...compatible,
    capabilities: {
      structuredOutput: capabilities.structuredOutput,
      promptCaching: capabilities.promptCaching ?? false,
      batch: false,
    },
    outputModes: row.outputModes ?? schemaModes,
    apiKeyEnv: row.apiKeyEnv,
    defaultBaseURL: row.defaultBaseURL,
    keyOptional: false,
  };
}

/** The profile of each dialect. */
export function openAICompatProfile(compat: OpenAICompat): OpenAICompatProfile {
  switch (compat) {
    case 'openai':
      return {
        provider: 'openai',
        label: 'OpenAI',
        capabilities: { structuredOutput: 'json_schema', promptCaching: true, batch: true },
        outputModes: schemaModes,
        strictSchema: true,
        jsonObjectSchema: false,
        maxTokensParameter: 'max_completion_tokens',
        apiKeyEnv: ['OPENAI_API_KEY'],
        baseURLEnv: 'OPENAI_BASE_URL',
        keyOptional: false,
        sendOrganization: true,
      };
    case 'ollama':
      return selfHosted({ apiKeyEnv: ['OLLAMA_API_KEY'], defaultBaseURL: 'http://127.0.0.1:11434/v1' });
    case 'vllm':
      return selfHosted({ apiKeyEnv: ['VLLM_API_KEY'], defaultBaseURL: 'http://127.0.0.1:8000/v1' });
    case 'llamacpp':
      // llama.cpp's servers (llama-server, and llama-cpp-python's `python -m llama_cpp.server`)
      // constrain sampling with a grammar built from `response_format: { type: 'json_object',
      // schema }`; llama-cpp-python 0.3.36 refuses `type: 'json_schema'` with a 500 (its
      // ChatCompletionRequestResponseFormat allows only 'text' | 'json_object'). Sources, read
      // 2026-12-06: llama-cpp-python README "JSON Schema Mode" and llama_cpp/llama_types.py of
      // 0.3.36; llama.cpp tools/server/README.md, `response_format`.
      return {
        ...selfHosted({
          apiKeyEnv: ['LLAMACPP_API_KEY'],
          defaultBaseURL: 'http://127.0.0.1:8080/v1',
          outputModes: ['json_object', 'text'],
        }),
        jsonObjectSchema: true,
      };
    case 'deepseek':
      return hosted(
        {
          apiKeyEnv: ['DEEPSEEK_API_KEY', 'OPENAI_API_KEY'],
          defaultBaseURL: 'https://api.deepseek.com',
          outputModes: deepSeekModes,
        },
        { structuredOutput: 'json_object', promptCaching: true },
      );
    case 'dashscope':
      // JSON Schema mode on some Qwen models, JSON Object on most:
      // https://www.alibabacloud.com/help/en/model-studio/json-mode (read 2026-12-06).
      return hosted(
        {
          apiKeyEnv: ['DASHSCOPE_API_KEY', 'OPENAI_API_KEY'],
          defaultBaseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
        },
        { structuredOutput: 'json_schema' },
      );
    case 'generic':
      return selfHosted({ apiKeyEnv: ['OPENAI_API_KEY'] });
    case 'none':
      return selfHosted({ apiKeyEnv: ['OPENAI_API_KEY'], outputModes: ['text'] }, 'none');
  }
}

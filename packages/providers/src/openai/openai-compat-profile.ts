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
const selfHosted = { promptCaching: false, batch: false };

/** The profile of each dialect. */
export function openAICompatProfile(compat: OpenAICompat): OpenAICompatProfile {
  const compatible = {
    provider: 'openai-compatible' as const,
    label: 'the OpenAI-compatible server',
    strictSchema: false,
    jsonObjectSchema: false,
    maxTokensParameter: 'max_tokens' as const,
    sendOrganization: false,
  };
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
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_schema', ...selfHosted },
        outputModes: schemaModes,
        apiKeyEnv: ['OLLAMA_API_KEY'],
        defaultBaseURL: 'http://127.0.0.1:11434/v1',
        keyOptional: true,
      };
    case 'vllm':
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_schema', ...selfHosted },
        outputModes: schemaModes,
        apiKeyEnv: ['VLLM_API_KEY'],
        defaultBaseURL: 'http://127.0.0.1:8000/v1',
        keyOptional: true,
      };
    case 'llamacpp':
      // llama.cpp's servers (llama-server, and llama-cpp-python's `python -m llama_cpp.server`)
      // constrain sampling with a grammar built from `response_format: { type: 'json_object',
      // schema }`; llama-cpp-python 0.3.36 refuses `type: 'json_schema'` with a 500 (its
      // ChatCompletionRequestResponseFormat allows only 'text' | 'json_object'). Sources, read
      // 2026-12-06: llama-cpp-python README "JSON Schema Mode" and llama_cpp/llama_types.py of
      // 0.3.36; llama.cpp tools/server/README.md, `response_format`.
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_schema', ...selfHosted },
        outputModes: ['json_object', 'text'],
        jsonObjectSchema: true,
        apiKeyEnv: ['LLAMACPP_API_KEY'],
        defaultBaseURL: 'http://127.0.0.1:8080/v1',
        keyOptional: true,
      };
    case 'deepseek':
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_object', promptCaching: true, batch: false },
        outputModes: deepSeekModes,
        apiKeyEnv: ['DEEPSEEK_API_KEY', 'OPENAI_API_KEY'],
        defaultBaseURL: 'https://api.deepseek.com',
        keyOptional: false,
      };
    case 'dashscope':
      // JSON Schema mode on some Qwen models, JSON Object on most:
      // https://www.alibabacloud.com/help/en/model-studio/json-mode (read 2026-12-06).
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_schema', promptCaching: false, batch: false },
        outputModes: schemaModes,
        apiKeyEnv: ['DASHSCOPE_API_KEY', 'OPENAI_API_KEY'],
        defaultBaseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
        keyOptional: false,
      };
    case 'generic':
      return {
        ...compatible,
        capabilities: { structuredOutput: 'json_schema', ...selfHosted },
        outputModes: schemaModes,
        apiKeyEnv: ['OPENAI_API_KEY'],
        baseURLEnv: 'OPENAI_BASE_URL',
        keyOptional: true,
      };
    case 'none':
      return {
        ...compatible,
        capabilities: { structuredOutput: 'none', ...selfHosted },
        outputModes: ['text'],
        apiKeyEnv: ['OPENAI_API_KEY'],
        baseURLEnv: 'OPENAI_BASE_URL',
        keyOptional: true,
      };
  }
}

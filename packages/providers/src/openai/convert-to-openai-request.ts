import type OpenAI from 'openai';
import { toObjectRootSchema } from '../schema/object-root.js';
import { sanitizeOutputName } from '../schema/sanitize-output-name.js';
import { toOpenAIStrictSchema } from '../schema/to-openai-strict-schema.js';
import type { GenerateRequest } from '../spec/generate-request.js';
import type { JsonSchema } from '../spec/json-schema.js';
import type { OpenAICompatProfile, OpenAIOutputMode } from './openai-compat-profile.js';

/** The strict form of one output schema, computed once per schema object. */
export interface StrictSchemaForm {
  schema: JsonSchema;
  wrapped: boolean;
  removedConstraints: string[];
}

/** A request in OpenAI's shape, plus what is needed to read the answer back. */
export interface OpenAIRequest {
  params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
  /** Whether the answer is wrapped as `{ value }` (strict mode with a non-object root). */
  wrapped: boolean;
  /** Whether strict mode turned optional properties into nullable ones. */
  strict: boolean;
  /** Strict-mode constraints left out of the schema (empty otherwise). */
  removedConstraints: string[];
}

const jsonHint = 'Respond with JSON.';

const strictForms = new WeakMap<object, StrictSchemaForm>();

/** Strict-mode schema of an output schema (wrapped to an object root), cached per schema object. */
export function strictSchemaFormOf(schema: JsonSchema): StrictSchemaForm {
  const cached = strictForms.get(schema);
  if (cached) return cached;
  const { schema: objectRoot, wrapped } = toObjectRootSchema(schema);
  const strict = toOpenAIStrictSchema(objectRoot);
  const form = { schema: strict.schema, wrapped, removedConstraints: strict.removedConstraints };
  strictForms.set(schema, form);
  return form;
}

function mentionsJson(request: GenerateRequest): boolean {
  return (
    request.system.some((block) => /json/i.test(block.text)) ||
    request.messages.some((message) => /json/i.test(message.content))
  );
}

/** Converts a spec request into `chat.completions.create` parameters for one output mode. */
export function toOpenAIRequest(
  request: GenerateRequest,
  modelId: string,
  mode: OpenAIOutputMode,
  profile: OpenAICompatProfile,
  options: { dropTemperature: boolean },
): OpenAIRequest {
  // One system message: OpenAI caches stable prefixes by itself, so block boundaries add nothing.
  let system = request.system
    .map((block) => block.text)
    .filter((text) => text !== '')
    .join('\n\n');
  if (mode === 'json_object' && !mentionsJson(request)) {
    system = system === '' ? jsonHint : `${system}\n\n${jsonHint}`;
  }
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const message of request.messages) messages.push({ role: message.role, content: message.content });
  const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: modelId, messages };
  if (profile.maxTokensParameter === 'max_completion_tokens')
    params.max_completion_tokens = request.maxTokens;
  else params.max_tokens = request.maxTokens;
  if (request.temperature !== undefined && !options.dropTemperature) params.temperature = request.temperature;

  const output = request.output;
  const result: OpenAIRequest = { params, wrapped: false, strict: false, removedConstraints: [] };
  if (!output || mode === 'text') return result;
  if (mode === 'json_object') {
    params.response_format = profile.jsonObjectSchema
      ? // llama.cpp's extension of JSON mode; the SDK's type has no `schema`, the wire takes it.
        ({ type: 'json_object', schema: output.schema } as OpenAI.ResponseFormatJSONObject)
      : { type: 'json_object' };
    return result;
  }
  const name = sanitizeOutputName(output.name);
  const description = output.description !== undefined ? { description: output.description } : {};
  if (profile.strictSchema) {
    const form = strictSchemaFormOf(output.schema);
    params.response_format = {
      type: 'json_schema',
      json_schema: { name, ...description, schema: form.schema, strict: true },
    };
    return { params, wrapped: form.wrapped, strict: true, removedConstraints: form.removedConstraints };
  }
  params.response_format = {
    type: 'json_schema',
    json_schema: { name, ...description, schema: output.schema },
  };
  return result;
}

import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import type {
  MessageCreateParamsNonStreaming,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import { toObjectRootSchema } from '../schema/object-root.js';
import { sanitizeOutputName } from '../schema/sanitize-output-name.js';
import type { GenerateRequest } from '../spec/generate-request.js';
import type { JsonSchema } from '../spec/json-schema.js';

/** The structured-output modes the Anthropic adapter uses. */
export type AnthropicOutputMode = 'tool' | 'native_json_schema' | 'text';

/** A request in Anthropic's shape, plus what is needed to read the answer back. */
export interface AnthropicRequest {
  params: MessageCreateParamsNonStreaming;
  /** Name of the forced tool (tool mode). */
  toolName?: string;
  /** Whether a non-object root schema was wrapped as `{ value }`. */
  wrapped: boolean;
}

const defaultToolDescription = 'Return the answer as structured data matching the input schema.';

/** Anthropic's native structured output accepts a subset of JSON Schema; the SDK's helper maps to it. */
function toNativeSchema(schema: JsonSchema): JsonSchema {
  try {
    return jsonSchemaOutputFormat(schema as Parameters<typeof jsonSchemaOutputFormat>[0]).schema;
  } catch {
    return schema;
  }
}

/**
 * Converts a spec request into `messages.create` parameters for the given output mode. The
 * temperature is never sent: API version 2026-10-21 (which SDK 1.x speaks) rejects sampling
 * parameters on every model, even at their defaults.
 */
export function toAnthropicRequest(
  request: GenerateRequest,
  modelId: string,
  mode: AnthropicOutputMode,
): AnthropicRequest {
  const system: TextBlockParam[] = request.system
    .filter((block) => block.text !== '')
    .map((block) =>
      block.cache
        ? { type: 'text', text: block.text, cache_control: { type: 'ephemeral' } }
        : { type: 'text', text: block.text },
    );
  const params: MessageCreateParamsNonStreaming = {
    model: modelId,
    max_tokens: request.maxTokens,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
  };
  if (system.length > 0) params.system = system;
  const output = request.output;
  if (!output || mode === 'text') return { params, wrapped: false };
  const { schema, wrapped } = toObjectRootSchema(output.schema);
  if (mode === 'native_json_schema') {
    params.output_config = { format: { type: 'json_schema', schema: toNativeSchema(schema) } };
    return { params, wrapped };
  }
  const toolName = sanitizeOutputName(output.name);
  const tool: Tool = {
    name: toolName,
    description: output.description ?? defaultToolDescription,
    input_schema: schema as Tool.InputSchema,
  };
  params.tools = [tool];
  params.tool_choice = { type: 'tool', name: toolName };
  return { params, toolName, wrapped };
}

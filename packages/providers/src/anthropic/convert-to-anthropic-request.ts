import type {
  MessageCreateParamsNonStreaming,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import { toObjectRootSchema } from '../schema/object-root.js';
import { sanitizeOutputName } from '../schema/sanitize-output-name.js';
import { toAnthropicStructuredSchema } from '../schema/to-anthropic-structured-schema.js';
import type { GenerateRequest } from '../spec/generate-request.js';

/** The structured-output modes the Anthropic adapter uses. */
export type AnthropicOutputMode = 'tool' | 'native_json_schema' | 'text';

/** A request in Anthropic's shape, plus what is needed to read the answer back. */
export interface AnthropicRequest {
  params: MessageCreateParamsNonStreaming;
  /** Name of the forced tool (tool mode). */
  toolName?: string;
  /** Whether a non-object root schema was wrapped as `{ value }`. */
  wrapped: boolean;
  /** Native mode: constraints Anthropic's structured output does not take, moved into descriptions. */
  removedConstraints: string[];
}

const defaultToolDescription = 'Return the answer as structured data matching the input schema.';

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
  if (!output || mode === 'text') return { params, wrapped: false, removedConstraints: [] };
  const { schema, wrapped } = toObjectRootSchema(output.schema);
  if (mode === 'native_json_schema') {
    // JSON outputs take only the documented subset; the rest moves into descriptions.
    const fitted = toAnthropicStructuredSchema(schema);
    params.output_config = { format: { type: 'json_schema', schema: fitted.schema } };
    return { params, wrapped, removedConstraints: fitted.removedConstraints };
  }
  // A forced, non-strict tool takes any JSON Schema as input_schema and Claude reads every
  // keyword of it, so the schema goes as given.
  const toolName = sanitizeOutputName(output.name);
  const tool: Tool = {
    name: toolName,
    description: output.description ?? defaultToolDescription,
    input_schema: schema as Tool.InputSchema,
  };
  params.tools = [tool];
  params.tool_choice = { type: 'tool', name: toolName };
  return { params, toolName, wrapped, removedConstraints: [] };
}

import { fieldText } from './field-text.js';

/** One turn of a conversation, with its speaker normalised. */
export interface ConversationTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const ROLE_KEYS = ['role', 'from', 'speaker', 'author'];
const CONTENT_KEYS = ['content', 'value', 'text', 'message'];
const ROLE_ALIASES: Record<string, ConversationTurn['role']> = {
  system: 'system',
  user: 'user',
  human: 'user',
  customer: 'user',
  client: 'user',
  用户: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  ai: 'assistant',
  chatgpt: 'assistant',
  助手: 'assistant',
};

/**
 * Reads a conversation field: an array of `{role, content}` (OpenAI), `{from, value}` (ShareGPT)
 * or similar objects, or an array of strings alternating user/assistant starting with the user.
 *
 * @returns the turns, or a reason the value is not a conversation.
 */
export function readConversationTurns(value: unknown): { turns: ConversationTurn[] } | { problem: string } {
  if (!Array.isArray(value) || value.length === 0)
    return { problem: 'the conversation is not a non-empty list of turns' };
  const turns: ConversationTurn[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item === 'string') {
      turns.push({ role: index % 2 === 0 ? 'user' : 'assistant', content: item });
      continue;
    }
    if (typeof item !== 'object' || item === null) return { problem: `turn ${index + 1} is not an object` };
    const turn = item as Record<string, unknown>;
    const roleKey = ROLE_KEYS.find((key) => typeof turn[key] === 'string');
    const contentKey = CONTENT_KEYS.find((key) => key in turn);
    if (roleKey === undefined || contentKey === undefined) {
      return { problem: `turn ${index + 1} has no role/from and content/value` };
    }
    const speaker = String(turn[roleKey]);
    const role = ROLE_ALIASES[speaker.trim().toLowerCase()];
    if (role === undefined) return { problem: `turn ${index + 1} has an unknown speaker '${speaker}'` };
    turns.push({ role, content: contentText(turn[contentKey]) });
  }
  return { turns };
}

/** OpenAI content parts (`[{type:'text', text}]`) are joined; anything else is `fieldText`. */
function contentText(content: unknown): string {
  if (Array.isArray(content) && content.every((part) => typeof part?.text === 'string')) {
    return content.map((part: { text: string }) => part.text).join('');
  }
  return fieldText(content);
}

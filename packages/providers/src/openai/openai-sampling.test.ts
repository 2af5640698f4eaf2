import { describe, expect, it } from 'vitest';
import { openAISampling } from './openai-sampling.js';

describe('openAISampling: which OpenAI models take temperature and top_p', () => {
  it('refuses them for GPT-6, GPT-5 and o-series models (reasoning at their default effort)', () => {
    for (const id of [
      'gpt-6-luna',
      'gpt-6.2-sol',
      'gpt-6.1-terra',
      'gpt-6-astra',
      'gpt-5.6-luna',
      'gpt-5-mini',
      'o3',
      'o4-mini',
    ]) {
      expect(openAISampling(id), id).toEqual({ temperature: false, topP: false });
    }
  });

  it('takes them for chat models and chat aliases', () => {
    for (const id of ['gpt-4.1-mini', 'gpt-4o', 'gpt-5.2-chat-latest', 'gpt-5-chat-latest']) {
      expect(openAISampling(id), id).toEqual({ temperature: true, topP: true });
    }
  });
});

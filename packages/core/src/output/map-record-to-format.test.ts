import type { DataType } from '@datasynth/prompts';
import { describe, expect, it } from 'vitest';
import { inferFieldRoles } from './field-roles.js';
import { mapRecordToFormat } from './map-record-to-format.js';
import { OutputError } from './output-error.js';

const roles = (dataType: DataType, ...names: string[]) =>
  inferFieldRoles({ fields: names.map((name) => ({ name })) }, dataType);

const poem = {
  instruction: '请以下面词语为主题写一首诗',
  input: '夏天',
  output: '不但春妍夏亦佳。',
  category: 'generation',
};
const noInput = {
  instruction: '给出三个水果',
  input: '',
  output: '苹果、香蕉、橙子',
  category: 'generation',
};
const instructionRoles = roles('instruction', 'instruction', 'input', 'output', 'category');

describe('mapRecordToFormat: instruction', () => {
  it('alpaca keeps instruction, input and output as they are', () => {
    expect(mapRecordToFormat(poem, 'alpaca', instructionRoles)).toEqual({
      instruction: '请以下面词语为主题写一首诗',
      input: '夏天',
      output: '不但春妍夏亦佳。',
    });
    expect(
      mapRecordToFormat(
        { instruction: 'q', output: 'a' },
        'alpaca',
        roles('instruction', 'instruction', 'output'),
      ),
    ).toEqual({ instruction: 'q', input: '', output: 'a' });
  });

  it('sharegpt puts instruction and input (when non-empty) in the human turn', () => {
    expect(mapRecordToFormat(poem, 'sharegpt', instructionRoles)).toEqual({
      conversations: [
        { from: 'human', value: '请以下面词语为主题写一首诗\n\n夏天' },
        { from: 'gpt', value: '不但春妍夏亦佳。' },
      ],
    });
    expect(mapRecordToFormat(noInput, 'sharegpt', instructionRoles)).toEqual({
      conversations: [
        { from: 'human', value: '给出三个水果' },
        { from: 'gpt', value: '苹果、香蕉、橙子' },
      ],
    });
  });

  it('openai maps to user and assistant messages, with a system field first', () => {
    const withSystem = { system: '你是诗人', ...poem };
    expect(
      mapRecordToFormat(
        withSystem,
        'openai',
        roles('instruction', 'system', 'instruction', 'input', 'output'),
      ),
    ).toEqual({
      messages: [
        { role: 'system', content: '你是诗人' },
        { role: 'user', content: '请以下面词语为主题写一首诗\n\n夏天' },
        { role: 'assistant', content: '不但春妍夏亦佳。' },
      ],
    });
  });

  it('writes non-string values as JSON text', () => {
    const record = { question: 'List two numbers', answer: [1, 2] };
    expect(mapRecordToFormat(record, 'alpaca', roles('instruction', 'question', 'answer'))).toEqual({
      instruction: 'List two numbers',
      input: '',
      output: '[1,2]',
    });
  });
});

describe('mapRecordToFormat: preference', () => {
  const pair = {
    prompt: 'Explain rain',
    chosen: 'Water vapour condenses…',
    rejected: 'Because clouds are sad.',
  };
  const preferenceRoles = roles('preference', 'prompt', 'chosen', 'rejected');

  it('keeps prompt and chosen, drops rejected', () => {
    expect(mapRecordToFormat(pair, 'alpaca', preferenceRoles)).toEqual({
      instruction: 'Explain rain',
      input: '',
      output: 'Water vapour condenses…',
    });
    expect(mapRecordToFormat(pair, 'sharegpt', preferenceRoles)).toEqual({
      conversations: [
        { from: 'human', value: 'Explain rain' },
        { from: 'gpt', value: 'Water vapour condenses…' },
      ],
    });
    expect(mapRecordToFormat(pair, 'openai', preferenceRoles)).toEqual({
      messages: [
        { role: 'user', content: 'Explain rain' },
        { role: 'assistant', content: 'Water vapour condenses…' },
      ],
    });
  });
});

describe('mapRecordToFormat: multi-turn', () => {
  const chat = {
    conversation: [
      { role: 'system', content: '你是助手' },
      { role: 'user', content: '你好' },
      { role: 'assistant', content: '你好！' },
      { role: 'user', content: '写一句诗' },
      { role: 'assistant', content: '春眠不觉晓' },
    ],
  };
  const chatRoles = roles('multi-turn', 'conversation');

  it('sharegpt maps user to human and assistant to gpt', () => {
    expect(mapRecordToFormat(chat, 'sharegpt', chatRoles)).toEqual({
      conversations: [
        { from: 'system', value: '你是助手' },
        { from: 'human', value: '你好' },
        { from: 'gpt', value: '你好！' },
        { from: 'human', value: '写一句诗' },
        { from: 'gpt', value: '春眠不觉晓' },
      ],
    });
  });

  it('openai keeps the roles', () => {
    expect(mapRecordToFormat(chat, 'openai', chatRoles)).toEqual({ messages: chat.conversation });
  });

  it('alpaca takes the last exchange as instruction/output and earlier pairs as history', () => {
    expect(mapRecordToFormat(chat, 'alpaca', chatRoles)).toEqual({
      instruction: '写一句诗',
      input: '',
      output: '春眠不觉晓',
      system: '你是助手',
      history: [['你好', '你好！']],
    });
  });

  it('reads ShareGPT-style turns and plain strings as conversations too', () => {
    const sharegpt = {
      messages: [
        { from: 'human', value: 'hi' },
        { from: 'gpt', value: 'hello' },
      ],
    };
    expect(mapRecordToFormat(sharegpt, 'openai', roles('multi-turn', 'messages'))).toEqual({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
    expect(
      mapRecordToFormat({ turns: ['q1', 'a1', 'q2', 'a2'] }, 'alpaca', roles('multi-turn', 'turns')),
    ).toEqual({
      instruction: 'q2',
      input: '',
      output: 'a2',
      history: [['q1', 'a1']],
    });
  });

  it('adds a separate system field as the first turn', () => {
    const record = {
      system: 'Be brief',
      dialogue: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'yo' },
      ],
    };
    expect(mapRecordToFormat(record, 'sharegpt', roles('multi-turn', 'system', 'dialogue'))).toEqual({
      conversations: [
        { from: 'system', value: 'Be brief' },
        { from: 'human', value: 'hi' },
        { from: 'gpt', value: 'yo' },
      ],
    });
  });

  it('refuses a conversation without an assistant reply, saying why', () => {
    const record = { conversation: [{ role: 'user', content: 'hello?' }] };
    expect(() => mapRecordToFormat(record, 'alpaca', chatRoles)).toThrow(/no assistant reply/);
    expect(() =>
      mapRecordToFormat({ conversation: [{ role: 'narrator', content: 'x' }] }, 'openai', chatRoles),
    ).toThrow(/unknown speaker 'narrator'/);
  });
});

describe('mapRecordToFormat: generic', () => {
  it('maps by whatever fields fit', () => {
    expect(
      mapRecordToFormat({ question: 'q', answer: 'a' }, 'openai', roles('generic', 'question', 'answer')),
    ).toEqual({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
    });
  });

  it('fails with the fields listed and what to do when nothing fits', () => {
    const error = (() => {
      try {
        mapRecordToFormat({ name: '苹果', price: 3 }, 'alpaca', roles('generic', 'name', 'price'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toMatchObject({ code: 'unmappable' });
    expect((error as Error).message).toBe(
      'Cannot write generic records as alpaca: no fields fit its roles (fields: name, price). Name them instruction/input/output, prompt/chosen/rejected, conversation, or instruction plus instances (a list of {input, output}), or write the jsonl or json format instead.',
    );
  });
});

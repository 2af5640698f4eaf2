import { describe, expect, it } from 'vitest';
import { CHINESE, ENGLISH } from './messages.js';
import { messagesFor, selectUiLanguage } from './ui-language.js';

describe('UI language', () => {
  it('prefers the flag, then DATASYNTH_LANG, then the locale', () => {
    expect(selectUiLanguage('zh', { DATASYNTH_LANG: 'en', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(selectUiLanguage('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(selectUiLanguage(undefined, { DATASYNTH_LANG: 'zh', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(selectUiLanguage(undefined, { DATASYNTH_LANG: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
  });

  it('reads the locale in POSIX order: LC_ALL, LC_MESSAGES, LANG', () => {
    expect(selectUiLanguage(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(selectUiLanguage(undefined, { LANG: 'zh_TW.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(selectUiLanguage(undefined, { LANG: 'en_US', LC_MESSAGES: 'zh_CN' })).toBe('zh');
    expect(selectUiLanguage(undefined, {})).toBe('en');
  });

  it('has a catalog per language', () => {
    expect(messagesFor('en')).toBe(ENGLISH);
    expect(messagesFor('zh')).toBe(CHINESE);
    expect(CHINESE.summary.target).not.toBe(ENGLISH.summary.target);
  });

  it('names the three ways forward when there is no key, in both languages', () => {
    for (const messages of [ENGLISH, CHINESE]) {
      const line = messages.errors.noApiKey('Anthropic');
      expect(line).toContain('ANTHROPIC_API_KEY');
      expect(line).toContain('OPENAI_API_KEY');
      expect(line).toContain('--base-url');
      expect(line).toContain('datasynth prepare');
      expect(line).not.toContain('\n');
    }
  });
});

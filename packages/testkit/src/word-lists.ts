import wordLists from './word-lists.json' with { type: 'json' };

/** English vocabulary generated text is drawn from (about 300 distinct words). */
export const englishWords: readonly string[] = wordLists.en.split(' ');

/** Chinese vocabulary (two-character words) generated text is drawn from (about 300 distinct words). */
export const chineseWords: readonly string[] = wordLists.zh.split(' ');

import { isWideCharacter } from '@datasynth/core';

/** Columns a string takes in a terminal: wide (CJK, fullwidth) characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += isWideCharacter(character.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** The part of a fetch `Headers` object the parsers need. */
export interface HeaderSource {
  get(name: string): string | null;
}

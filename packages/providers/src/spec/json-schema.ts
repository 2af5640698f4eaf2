/** A JSON Schema document (draft 2020-12 subset), as plain data. */
export type JsonSchema = Record<string, unknown>;

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSchema } from './dataset-schema.js';
import { isJsonObject } from './json-value.js';
import { readSchemaDocument } from './read-schema-file.js';
import type { ReadTextOptions } from './read-text-file.js';

/**
 * Files of a DataRecipe folder that may hold example records besides `09_样例数据/samples.json`:
 * analyze-spec writes the examples it found in the spec document as `examples` in both. Deep-analyze
 * writes `examples` in annotation_spec.json too, but as annotation tasks (`{id, question, answer,
 * scoring}`), not records; those do not match the schema's fields and are skipped.
 */
export const EXAMPLE_SOURCES = [
  ['06_原始数据', 'spec_analysis.json'],
  ['03_标注规范', 'annotation_spec.json'],
] as const;

/** Records read from one file of the folder, and how many of its examples did not match the schema. */
export interface ExampleSource {
  /** The file, relative to the folder (`06_原始数据/spec_analysis.json`). */
  file: string;
  records: Record<string, unknown>[];
  /** Examples whose keys are not the schema's fields (annotation tasks rather than records). */
  skipped: number;
}

/** The `examples` of each example file present in the folder that match the schema's declared fields. */
export function readExampleSources(
  root: string,
  schema: DatasetSchema,
  options: ReadTextOptions = {},
): ExampleSource[] {
  const declared = new Set([...schema.fields, ...(schema.identifiers ?? [])].map((field) => field.name));
  const required = schema.fields.filter((field) => field.required).map((field) => field.name);
  const sources: ExampleSource[] = [];
  for (const parts of EXAMPLE_SOURCES) {
    const path = join(root, ...parts);
    if (!existsSync(path)) continue;
    const document = readSchemaDocument(path, options);
    const examples = isJsonObject(document) && Array.isArray(document.examples) ? document.examples : [];
    if (examples.length === 0) continue;
    const records = examples.filter(
      (example): example is Record<string, unknown> =>
        isJsonObject(example) &&
        Object.keys(example).every((key) => declared.has(key)) &&
        required.every((name) => name in example),
    );
    sources.push({ file: parts.join('/'), records, skipped: examples.length - records.length });
  }
  return sources;
}

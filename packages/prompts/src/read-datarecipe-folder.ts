import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXAMPLE_SOURCES, readExampleSources } from './datarecipe-examples.js';
import type { DatasetSchema } from './dataset-schema.js';
import { isJsonObject } from './json-value.js';
import { parseSchema } from './parse-schema.js';
import { PromptsError } from './prompts-error.js';
import { readSchemaDocument } from './read-schema-file.js';
import { readSeedsFile } from './read-seeds-file.js';
import { type ReadTextOptions, readTextFile } from './read-text-file.js';

/** Where DataRecipe keeps things inside an analysis folder. */
const SCHEMA_PATH = ['04_复刻指南', 'DATA_SCHEMA.json'] as const;
const SAMPLES_PATH = ['09_样例数据', 'samples.json'] as const;
const GUIDELINES_PATH = ['03_标注规范', 'ANNOTATION_SPEC.md'] as const;
const OUTPUT_DIR = '11_合成数据';

/** How many seeds one file of the folder contributed. */
export interface SeedSource {
  /** The file, relative to the folder (`09_样例数据/samples.json`). */
  file: string;
  /** Seeds taken from it (duplicates of earlier files left out). */
  count: number;
  /** Examples in it that were not records of this dataset (their keys are not the schema's fields). */
  skipped: number;
}

/** Everything DataSynth needs from a DataRecipe analysis folder. */
export interface DataRecipeFolder {
  dir: string;
  schema: DatasetSchema;
  schemaWarnings: string[];
  /** Seeds from samples.json, then the analyze-spec examples, without duplicates. */
  seeds: Record<string, unknown>[];
  /** Where the seeds came from, in order: say it in the run's header. */
  seedSources: SeedSource[];
  guidelines?: string;
  datasetId?: string;
  paths: {
    schema: string;
    samples: string;
    guidelines?: string /** `<dir>/11_合成数据` */;
    outputDir: string;
  };
}

function requireFile(dir: string, parts: readonly string[]): string {
  const path = join(dir, ...parts);
  if (!existsSync(path)) {
    throw new PromptsError(
      'file_not_found',
      `${dir} is not a complete DataRecipe folder: ${parts.join('/')} is missing`,
      {
        file: path,
      },
    );
  }
  return path;
}

/**
 * The input files a DataRecipe analysis folder may hold (whether or not they exist), and where its
 * output goes: for checks made before anything is read.
 */
export function dataRecipeFolderPaths(dir: string): {
  schema: string;
  samples: string;
  guidelines: string;
  /** Further files that may hold example records (see `EXAMPLE_SOURCES`). */
  examples: string[];
  outputDir: string;
} {
  const root = resolve(dir);
  return {
    schema: join(root, ...SCHEMA_PATH),
    samples: join(root, ...SAMPLES_PATH),
    guidelines: join(root, ...GUIDELINES_PATH),
    examples: EXAMPLE_SOURCES.map((parts) => join(root, ...parts)),
    outputDir: join(root, OUTPUT_DIR),
  };
}

/**
 * A DataRecipe analysis folder: schema from 04_复刻指南/DATA_SCHEMA.json, seeds from 09_样例数据/samples.json
 * plus the example records analyze-spec leaves in 06_原始数据/spec_analysis.json and
 * 03_标注规范/annotation_spec.json, guidelines from 03_标注规范/ANNOTATION_SPEC.md when present. Clear
 * PromptsError naming the missing file otherwise.
 */
export function readDataRecipeFolder(dir: string, options: ReadTextOptions = {}): DataRecipeFolder {
  const root = resolve(dir);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (cause) {
    throw new PromptsError('file_not_found', `DataRecipe folder not found: ${root}`, { file: root, cause });
  }
  if (!isDirectory) throw new PromptsError('file_unreadable', `not a folder: ${root}`, { file: root });

  const schemaPath = requireFile(root, SCHEMA_PATH);
  const samplesPath = requireFile(root, SAMPLES_PATH);
  const raw = readSchemaDocument(schemaPath, options);
  const samples = readSeedsFile(samplesPath, options);
  const { schema, warnings } = parseSchema(raw, { file: schemaPath, seeds: samples });

  const seen = new Set<string>();
  const seeds: Record<string, unknown>[] = [];
  const take = (records: Record<string, unknown>[]): number => {
    let count = 0;
    for (const record of records) {
      const key = JSON.stringify(record);
      if (seen.has(key)) continue;
      seen.add(key);
      seeds.push(record);
      count += 1;
    }
    return count;
  };
  const seedSources: SeedSource[] = [{ file: SAMPLES_PATH.join('/'), count: take(samples), skipped: 0 }];
  for (const source of readExampleSources(root, schema, options)) {
    seedSources.push({ file: source.file, count: take(source.records), skipped: source.skipped });
  }

  const folder: DataRecipeFolder = {
    dir: root,
    schema,
    schemaWarnings: warnings,
    seeds,
    seedSources,
    paths: { schema: schemaPath, samples: samplesPath, outputDir: join(root, OUTPUT_DIR) },
  };
  const guidelinesPath = join(root, ...GUIDELINES_PATH);
  if (existsSync(guidelinesPath)) {
    folder.guidelines = readTextFile(guidelinesPath, 'guidelines file', options);
    folder.paths.guidelines = guidelinesPath;
  }
  if (isJsonObject(raw) && typeof raw.dataset_id === 'string' && raw.dataset_id !== '')
    folder.datasetId = raw.dataset_id;
  return folder;
}

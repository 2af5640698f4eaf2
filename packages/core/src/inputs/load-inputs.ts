import {
  checkSeeds,
  type DatasetSchema,
  dataRecipeFolderPaths,
  inferSchema,
  PromptsError,
  parseSchema,
  readDataRecipeFolder,
  readSchemaFile,
  readSeedsFile,
} from '@datasynth/prompts';
import { SynthesisError } from '../errors/synthesis-error.js';
import type { InputFile } from '../preflight/input-file.js';

/** Where a run's schema, seeds and guidelines come from. */
export type InputSource =
  | { analysisDir: string }
  | {
      /** A DataRecipe DATA_SCHEMA.json, a JSON Schema of one record, or a field list. */
      schemaPath?: string;
      /** JSON array, JSONL, DataRecipe samples.json or a DataSynth output envelope. */
      seedsPath?: string;
      /** Already-parsed schema (any of the forms above) instead of a path. */
      schema?: unknown;
      seeds?: Record<string, unknown>[];
      guidelines?: string;
    };

/** A schema, the seeds that fit it, and what did not fit. */
export interface SynthesisInputs {
  schema: DatasetSchema;
  seeds: Record<string, unknown>[];
  /** Seeds that do not fit the schema: reported, never silently used. */
  invalidSeeds: { index: number; issues: string[] }[];
  guidelines?: string;
  analysisDir?: string;
  /** `<dir>/11_合成数据/synthetic.json` for DataRecipe folders. */
  defaultOutput?: string;
  datasetId?: string;
  warnings: string[];
  /** The files these inputs were read from (the preflight keeps the output off them). */
  files?: InputFile[];
}

/** How {@link loadInputs} reads files. */
export interface LoadInputsOptions {
  /** Largest input file accepted, in bytes (the `maxInputBytes` setting; default 64 MiB). */
  maxInputBytes?: number;
}

/** Reads and checks a run's inputs; every problem becomes a one-line SynthesisError. */
export function loadInputs(source: InputSource, options: LoadInputsOptions = {}): SynthesisInputs {
  const read = options.maxInputBytes === undefined ? {} : { maxBytes: options.maxInputBytes };
  try {
    if ('analysisDir' in source) {
      const folder = readDataRecipeFolder(source.analysisDir, read);
      const paths = dataRecipeFolderPaths(folder.dir);
      return finish({
        schema: folder.schema,
        seeds: folder.seeds,
        warnings: [...folder.schemaWarnings],
        ...(folder.guidelines !== undefined && { guidelines: folder.guidelines }),
        analysisDir: folder.dir,
        defaultOutput: `${folder.paths.outputDir}/synthetic.json`,
        ...(folder.datasetId !== undefined && { datasetId: folder.datasetId }),
        seedsLabel: folder.paths.samples,
        files: [
          { path: paths.schema, role: 'schema' },
          { path: paths.samples, role: 'seeds' },
          ...(folder.paths.guidelines === undefined
            ? []
            : [{ path: folder.paths.guidelines, role: 'guidelines' as const }]),
        ],
      });
    }
    const seeds = source.seeds ?? (source.seedsPath ? readSeedsFile(source.seedsPath, read) : []);
    const warnings: string[] = [];
    let schema: DatasetSchema;
    if (source.schema !== undefined) {
      const parsed = isDatasetSchema(source.schema)
        ? { schema: source.schema, warnings: [] }
        : parseSchema(source.schema);
      schema = parsed.schema;
      warnings.push(...parsed.warnings);
    } else if (source.schemaPath) {
      const parsed = readSchemaFile(source.schemaPath, read);
      schema = parsed.schema;
      warnings.push(...parsed.warnings);
    } else if (seeds.length > 0) {
      schema = inferSchema(seeds);
      warnings.push(
        `No schema given: inferred ${schema.fields.length} fields from ${seeds.length} seeds (${schema.fields.map((field) => field.name).join(', ')}).`,
      );
    } else {
      throw new SynthesisError(
        'invalid_input',
        'Give a schema, seed records, or both: there is nothing to learn the data shape from.',
      );
    }
    return finish({
      schema,
      seeds,
      warnings,
      ...(source.guidelines !== undefined && { guidelines: source.guidelines }),
      seedsLabel: source.seedsPath ?? 'the seeds',
      files: [
        ...(source.seedsPath && source.seeds === undefined
          ? [{ path: source.seedsPath, role: 'seeds' as const }]
          : []),
        ...(source.schemaPath && source.schema === undefined
          ? [{ path: source.schemaPath, role: 'schema' as const }]
          : []),
      ],
    });
  } catch (error) {
    throw toInputError(error);
  }
}

function finish(inputs: Omit<SynthesisInputs, 'invalidSeeds'> & { seedsLabel: string }): SynthesisInputs {
  const { seedsLabel, ...rest } = inputs;
  const check = checkSeeds(inputs.seeds, inputs.schema);
  if (inputs.seeds.length > 0 && check.valid.length === 0) {
    const first = check.invalid[0];
    throw new SynthesisError(
      'invalid_input',
      `None of the ${inputs.seeds.length} seeds in ${seedsLabel} fit the schema (seed ${first?.index ?? 0}: ${first?.issues[0] ?? 'invalid'}). Fix the seeds or the schema.`,
      { path: seedsLabel },
    );
  }
  const warnings = [...rest.warnings];
  if (check.invalid.length > 0) {
    const sample = check.invalid
      .slice(0, 3)
      .map((entry) => `#${entry.index}: ${entry.issues[0] ?? 'invalid'}`)
      .join('; ');
    warnings.push(
      `${check.invalid.length} of ${inputs.seeds.length} seeds do not fit the schema and are not used as examples (${sample}${check.invalid.length > 3 ? '; …' : ''}).`,
    );
  }
  return { ...rest, seeds: check.valid, invalidSeeds: check.invalid, warnings };
}

function isDatasetSchema(value: unknown): value is DatasetSchema {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as DatasetSchema).fields) &&
    typeof (value as DatasetSchema).source === 'string'
  );
}

/** Turns a prompts-layer error into the one-line SynthesisError apps print. */
export function toInputError(error: unknown): unknown {
  if (error instanceof PromptsError) {
    return new SynthesisError(error.code === 'file_unreadable' ? 'io' : 'invalid_input', error.message, {
      ...(error.file !== undefined && { path: error.file }),
    });
  }
  return error;
}

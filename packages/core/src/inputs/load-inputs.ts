import {
  checkSeeds,
  type DatasetSchema,
  dataRecipeFolderPaths,
  inferSchema,
  PromptsError,
  parseSchema,
  projectSeeds,
  readDataRecipeFolder,
  readSchemaFile,
  readSeedsFile,
  type SeedSource,
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
  /** For a DataRecipe folder: which of its files the seeds came from (before the schema check). */
  seedSources?: SeedSource[];
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
        seedSources: folder.seedSources,
        warnings: [...folder.schemaWarnings, ...seedSourcesLine(folder.seedSources)],
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
          // Example records may also come from these; a path that does not exist is simply no clash.
          ...paths.examples.map((file) => ({ path: file, role: 'seeds' as const })),
        ],
      });
    }
    const seeds = source.seeds ?? (source.seedsPath ? readSeedsFile(source.seedsPath, read) : []);
    const warnings: string[] = [];
    let schema: DatasetSchema;
    if (source.schema !== undefined) {
      const parsed = isDatasetSchema(source.schema)
        ? { schema: source.schema, warnings: [] }
        : parseSchema(source.schema, { seeds });
      schema = parsed.schema;
      warnings.push(...parsed.warnings);
    } else if (source.schemaPath) {
      const parsed = readSchemaFile(source.schemaPath, { seeds, ...read });
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
  const projected = projectSeeds(check.valid, inputs.schema);
  if (projected.leftOut.length > 0) {
    warnings.push(
      `The seeds' ${projected.leftOut.map((key) => `'${key}'`).join(', ')} ${projected.leftOut.length === 1 ? 'is' : 'are'} left out of the examples the model sees: ${leftOutReason(inputs.schema, projected.leftOut)}.`,
    );
  }
  return { ...rest, seeds: projected.seeds, invalidSeeds: check.invalid, warnings };
}

function leftOutReason(schema: DatasetSchema, leftOut: string[]): string {
  const identifiers = new Set((schema.identifiers ?? []).map((field) => field.name));
  const assigned = leftOut.some((key) => identifiers.has(key));
  const extra = leftOut.some((key) => !identifiers.has(key));
  if (assigned && extra) return 'identifiers are assigned by DataSynth, other keys are not in the schema';
  return assigned ? 'DataSynth assigns identifiers itself' : 'the schema does not list them';
}

/**
 * "Seeds: 50 from 09_样例数据/samples.json, 1 from 06_原始数据/spec_analysis.json …" for the run header,
 * when seeds came from more than samples.json or some examples were skipped (nothing to say otherwise).
 */
function seedSourcesLine(sources: SeedSource[]): string[] {
  if (!sources.slice(1).some((source) => source.count > 0 || source.skipped > 0)) return [];
  const taken = sources
    .filter((source, index) => index === 0 || source.count > 0)
    .map((source) => `${source.count} from ${source.file}`)
    .join(', ');
  const skipped = sources
    .filter((source) => source.skipped > 0)
    .map(
      (source) =>
        `${source.skipped} examples in ${source.file} are not records of this dataset and were skipped`,
    );
  return [`Seeds: ${taken}${skipped.length > 0 ? `; ${skipped.join('; ')}` : ''}.`];
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

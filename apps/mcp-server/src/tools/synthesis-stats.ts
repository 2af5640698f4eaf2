import {
  computeStats,
  describeJudgeAgreement,
  groupProvenanceFile,
  loadInputs,
  loadRunReport,
  PROVENANCE_GROUPS,
  type ProvenanceGroups,
  provenancePath,
  readRecordsFile,
} from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { ToolError } from '../tool-error.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';
import { inputSourceShape, resolveInputSource } from './input-source-arguments.js';

/** Tool name. */
export const SYNTHESIS_STATS = 'synthesis_stats';

const inputSchema = strictArguments({
  data_path: z
    .string()
    .describe(
      'Records to describe: a DataSynth/DataRecipe envelope, a JSON array or JSONL. Relative to the server root.',
    ),
  ...inputSourceShape,
  near_threshold: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe(
      'Similarity at or above which two records count as near-duplicates (default: the dedup default).',
    ),
  group_by: z
    .enum(PROVENANCE_GROUPS)
    .optional()
    .describe(
      'Also count the records (and their cost) per value of one provenance key, read from the per-record provenance beside the data (<data_path>.provenance.jsonl, written by synthesize_data unless provenance is false).',
    ),
  ...inputLimitShape,
});

const histogram = z.array(z.object({ from: z.number(), to: z.number(), count: z.number() }));

const outputSchema = {
  data_path: z.string(),
  count: z.number().int(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      present: z.number(),
      missing: z.number(),
      length: z
        .looseObject({
          min: z.number(),
          max: z.number(),
          mean: z.number(),
          p50: z.number(),
          p90: z.number(),
          histogram,
        })
        .optional(),
      numeric: z.looseObject({ min: z.number(), max: z.number(), mean: z.number(), histogram }).optional(),
      values: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
      listLength: z.looseObject({ min: z.number(), max: z.number(), mean: z.number() }).optional(),
    }),
  ),
  diversity: z.looseObject({
    distinct2: z.record(z.string(), z.number()),
    nearDuplicateRate: z.number(),
    tooCloseToSeedRate: z.number().optional(),
    closestToSeed: z
      .array(z.object({ index: z.number(), seedIndex: z.number(), similarity: z.number() }))
      .optional(),
  }),
  judge_gold: z
    .looseObject({
      judgeModel: z.string(),
      sameModelAsGenerator: z.boolean(),
      items: z.number().int(),
      scored: z.number().int(),
      kappa: z.number().optional(),
      spearman: z.number().optional(),
    })
    .optional()
    .describe(
      "For a DataSynth output run with judge_gold_path: the judge's agreement with the humans, from its run state.",
    ),
  diversity_trail: z
    .looseObject({
      chunkSize: z.number().int(),
      points: z.array(
        z.looseObject({
          accepted: z.number().int(),
          distinct2: z.number().optional(),
          nearDuplicateRate: z.number(),
        }),
      ),
    })
    .optional()
    .describe(
      'For a DataSynth output: distinct-2 and the near-duplicate share per chunk of accepted records, from its run state.',
    ),
  groups: z
    .object({
      by: z.enum(PROVENANCE_GROUPS),
      rows: z.array(z.object({ value: z.string(), records: z.number().int(), cost: z.number().optional() })),
    })
    .optional(),
};

/**
 * `synthesis_stats`: field distributions and diversity figures of a record file (core
 * `computeStats`, the same figures as `datasynth stats --json`), against the seeds when given; with
 * `group_by`, the records counted per provenance value (core `groupProvenanceFile`, as `stats --group-by`).
 */
export function registerSynthesisStatsTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    SYNTHESIS_STATS,
    {
      title: 'Dataset statistics and diversity',
      description: `Describes a record file: per field presence, text lengths (histogram, p50/p90), numeric ranges, value counts for enums; diversity as distinct-2 per text field and the near-duplicate rate; with seeds (analysis_dir or seeds_path), how many records are too close to a seed. With group_by (${PROVENANCE_GROUPS.join(', ')}), also the records and their cost per value, from the per-record provenance a synthesis run keeps.`,
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardTool(context, async (args) => {
      const dataPath = context.policy.resolveInput(args.data_path, 'data_path');
      const source = resolveInputSource(args, context.policy, { required: false });
      const inputs = source === undefined ? undefined : loadInputs(source, toInputLimit(args));
      const groups =
        args.group_by === undefined ? undefined : await groupProvenanceFile(dataPath, args.group_by);
      if (args.group_by !== undefined && groups === undefined) {
        throw new ToolError(
          'invalid_arguments',
          `group_by reads the per-record provenance in ${provenancePath(dataPath)}: there is none. Synthesize the data with provenance kept (the default; not with provenance false), then group it.`,
        );
      }
      const records = await readRecordsFile(dataPath, toInputLimit(args));
      const stats = computeStats(records, {
        ...(inputs && { schema: inputs.schema, seeds: inputs.seeds }),
        ...(args.near_threshold !== undefined && { nearThreshold: args.near_threshold }),
      });
      const { diversity } = stats;
      const distinct = Object.entries(diversity.distinct2)
        .map(([field, value]) => `${field} ${value.toFixed(2)}`)
        .join(', ');
      const lines = [
        `${stats.count} records, ${stats.fields.length} fields in ${dataPath}.`,
        `Near-duplicate rate: ${percent(diversity.nearDuplicateRate)}.`,
        ...(distinct ? [`Distinct-2: ${distinct}.`] : []),
        ...(diversity.tooCloseToSeedRate === undefined
          ? []
          : [`Too close to a seed: ${percent(diversity.tooCloseToSeedRate)}.`]),
        ...stats.fields.map(
          (field) =>
            `- ${field.name} (${field.type}): ${field.present} present, ${field.missing} missing${
              field.length
                ? `, length ${field.length.min}–${field.length.max} (mean ${field.length.mean.toFixed(1)})`
                : ''
            }`,
        ),
        ...(groups ? groupLines(groups) : []),
      ];
      // A DataSynth output keeps its run's state beside it: the judge's gold check and the diversity trail.
      const run = await loadRunReport(dataPath);
      if (run?.judgeGold) lines.push(...describeJudgeAgreement(run.judgeGold));
      return toolSuccess(
        {
          data_path: dataPath,
          ...stats,
          ...(groups && { groups }),
          ...(run?.judgeGold && { judge_gold: run.judgeGold }),
          ...(run?.diversityTrail && { diversity_trail: run.diversityTrail }),
        },
        lines.join('\n'),
      );
    }),
  );
}

function groupLines({ by, rows }: ProvenanceGroups): string[] {
  return [
    `Records by ${by}:`,
    ...rows.map(
      (row) =>
        `- ${row.value}: ${row.records} record${row.records === 1 ? '' : 's'}${
          row.cost === undefined ? '' : `, ${formatUsd(row.cost)}`
        }`,
    ),
  ];
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

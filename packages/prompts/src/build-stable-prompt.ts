import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import { describeFields, describeRubric } from './describe-schema.js';
import { type DataType, type DataTypeRoles, resolveRoles } from './detect-data-type.js';
import { detectLanguage, type Language } from './detect-language.js';
import { recordSkeleton } from './record-skeleton.js';
import { type DiversityBand, describeRecord, templateText } from './template-text.js';
import { truncateGuidelines } from './truncate-guidelines.js';

/** Default budget for guidelines in the stable part, in characters. */
export const DEFAULT_MAX_GUIDELINE_CHARS = 6000;

/** Options for the run-wide (stable, cacheable) part of a prompt. */
export interface PromptOptions {
  schema: DatasetSchema;
  /** Annotation guidelines (DataRecipe ANNOTATION_SPEC.md), included verbatim up to `maxGuidelineChars`. */
  guidelines?: string;
  /** Template to use; 'auto' (default) detects it from the field names. */
  dataType?: DataType | 'auto';
  /** Prompt language; 'auto' (default) detects it from `languageSample`. */
  language?: Language | 'auto';
  /**
   * Seeds used for auto language detection. Pass ALL the run's seeds (not one batch's) so every batch
   * gets the same language. Without it: `buildPrompt` uses the batch's seeds; `buildStablePrompt` uses
   * the guidelines and the schema's labels, descriptions and examples.
   */
  languageSample?: unknown[];
  /** 0..1 → "stay close" (< 0.34) / "moderate variation" / "explore widely" (> 0.66). Default 0.5. */
  diversity?: number;
  /** Default 6000; cut at a paragraph boundary with a note, never mid-sentence. */
  maxGuidelineChars?: number;
  /** True when the reply is constrained by `recordsEnvelopeSchema` (then: "fill the records array"); else a ```json array is asked for. */
  structuredOutput?: boolean;
  /**
   * Fixed examples shown in the stable part (the same for every batch, so they are cached with it).
   * Callers use them to make the prefix long enough for a provider's prompt cache and to give the
   * model more examples; the varying part still rotates its own seeds.
   */
  referenceExamples?: Record<string, unknown>[];
}

/** The stable part: identical, byte for byte, for every batch of a run with the same options. */
export interface StablePrompt {
  text: string;
  language: Language;
  dataType: DataType;
  guidelinesTruncated: boolean;
}

function diversityBand(diversity: number | undefined): DiversityBand {
  const value =
    diversity === undefined || Number.isNaN(diversity) ? 0.5 : Math.min(1, Math.max(0, diversity));
  if (value < 0.34) return 'low';
  if (value > 0.66) return 'high';
  return 'moderate';
}

function schemaText(schema: DatasetSchema): string[] {
  const parts: string[] = [];
  const visit = (field: FieldSpec) => {
    if (field.displayName) parts.push(field.displayName);
    if (field.description) parts.push(field.description);
    for (const example of field.examples ?? []) if (typeof example === 'string') parts.push(example);
    if (field.items) visit(field.items);
    for (const child of field.fields ?? []) visit(child);
  };
  for (const field of schema.fields) visit(field);
  if (schema.description) parts.push(schema.description);
  for (const level of schema.scoringRubric ?? []) parts.push(level.label ?? '', level.description);
  return parts;
}

/** Resolves 'auto' language the same way everywhere (internal). */
export function resolveLanguage(options: PromptOptions): Language {
  if (options.language === 'zh' || options.language === 'en') return options.language;
  if (options.languageSample && options.languageSample.length > 0)
    return detectLanguage(options.languageSample);
  return detectLanguage([options.guidelines ?? '', ...schemaText(options.schema)]);
}

function roleFields(roles: DataTypeRoles): FieldSpec[] {
  switch (roles.dataType) {
    case 'instruction':
      return [roles.task, roles.answer, ...(roles.context ? [roles.context] : [])];
    case 'preference':
      return [...(roles.request ? [roles.request] : []), roles.better, roles.worse];
    case 'multi-turn':
      return [roles.dialogue];
    case 'generic':
      return [];
  }
}

/**
 * Builds the stable part of the prompt: role, task, schema description, guidelines, rubric, variety and
 * reply rules. No timestamps, no randomness, nothing batch-specific — byte-identical for the same options,
 * so providers can cache it. Every field it names is a real schema field. A forced `dataType` the schema
 * cannot hold (e.g. 'preference' with a single text field) throws PromptsError('schema_invalid').
 */
export function buildStablePrompt(options: PromptOptions): StablePrompt {
  const { schema } = options;
  const language = resolveLanguage(options);
  const text = templateText(language);
  const roles = resolveRoles(schema, options.dataType === 'auto' ? undefined : options.dataType);
  const used = roleFields(roles);
  const others = roles.dataType === 'generic' ? [] : schema.fields.filter((field) => !used.includes(field));

  const sections: string[] = [text.intro(schema.name)];
  sections.push(`${text.headings.record}\n\n${describeRecord(text, roles, others)}`);
  sections.push(`${text.headings.schema}\n\n${describeFields(schema, language)}`);

  const rubric = describeRubric(schema, language);
  if (rubric !== '') sections.push(`${text.headings.rubric}\n\n${text.rubricIntro}\n${rubric}`);

  let guidelinesTruncated = false;
  if (options.guidelines !== undefined && options.guidelines.trim() !== '') {
    const budget = options.maxGuidelineChars ?? DEFAULT_MAX_GUIDELINE_CHARS;
    const guidelines = truncateGuidelines(options.guidelines, budget);
    guidelinesTruncated = guidelines.truncated;
    const note = guidelines.truncated
      ? `\n\n${text.truncationNote(guidelines.text.length, guidelines.originalLength)}`
      : '';
    sections.push(`${text.headings.guidelines}\n\n${guidelines.text}${note}`);
  }

  if (options.referenceExamples && options.referenceExamples.length > 0) {
    const examples = options.referenceExamples.map((example) => JSON.stringify(example)).join(',\n');
    sections.push(
      `${text.headings.references}\n\n${text.varying.examples}\n\n\`\`\`json\n[\n${examples}\n]\n\`\`\``,
    );
  }

  sections.push(`${text.headings.variety}\n\n${text.diversity[diversityBand(options.diversity)]}`);

  const optional = schema.fields.filter((field) => !field.required);
  const rules = [
    options.structuredOutput ? text.reply.structured : text.reply.text,
    text.reply.exactFields(schema.fields),
    ...(optional.length > 0 ? [text.reply.optionalFields(optional)] : []),
    text.reply.types,
    text.reply.fresh,
  ];
  if (!options.structuredOutput) {
    rules.push(`${text.reply.shape}\n\n\`\`\`json\n[\n  ${recordSkeleton(schema)}\n]\n\`\`\``);
  }
  sections.push(`${text.headings.reply}\n\n${rules.join('\n')}`);

  return { text: sections.join('\n\n'), language, dataType: roles.dataType, guidelinesTruncated };
}

import type { DatasetSchema, VaryingPromptOptions } from '@datasynth/prompts';
import { type DiversityFigures, DiversityMonitor, type DiversityTarget } from './diversity-monitor.js';
import { EnumBalancer, type EnumRequest, type EnumTarget } from './enum-balancer.js';
import { mainTextReader } from './main-text.js';

/** Steering settings, with defaults applied (`SynthesisConfig.steering`). */
export interface SteeringSettings {
  balanceEnums: boolean;
  enumTargets?: Record<string, Record<string, number>>;
  avoidRecent: boolean;
  diversityTarget?: DiversityTarget;
}

/** What one batch is asked to steer towards, and what to settle once it is done. */
export interface BatchSteering {
  steering: NonNullable<VaryingPromptOptions['steering']> | undefined;
  ticket: EnumRequest;
}

const RECENT_DUPLICATES = 8;
const AVOID_CHARS = 40;

/**
 * The steering of one run: enum values per batch from {@link EnumBalancer}, a topic per batch
 * round-robin, and an "avoid" list of what recent duplicates were about (the first words of their
 * main text field).
 */
export class RunSteering {
  readonly #balancer: EnumBalancer;
  #topics: readonly string[];
  readonly #avoidRecent: boolean;
  readonly #mainText: (record: Record<string, unknown>) => string;
  readonly #recent: string[] = [];
  readonly #diversity: DiversityMonitor | undefined;
  #topicOffset: number;

  constructor(options: {
    schema: DatasetSchema;
    settings: SteeringSettings;
    topics: readonly string[];
    topicOffset: number;
    warn?: (message: string) => void;
  }) {
    const { schema, settings } = options;
    this.#balancer = new EnumBalancer(enumTargets(schema, settings, options.warn ?? (() => {})));
    this.#topics = options.topics;
    this.#topicOffset = options.topicOffset;
    this.#avoidRecent = settings.avoidRecent;
    this.#mainText = mainTextReader(schema);
    if (settings.diversityTarget) this.#diversity = new DiversityMonitor(settings.diversityTarget);
  }

  /** The diversity figures over the recent records, when a diversity target is set. */
  diversityFigures(): DiversityFigures | undefined {
    return this.#diversity?.figures();
  }

  /** Target shares per balanced field and value. */
  enumShares(): Record<string, Record<string, number>> {
    return this.#balancer.shares();
  }

  /** The topics in use. */
  get topics(): readonly string[] {
    return this.#topics;
  }

  /** Starts assigning these topics from the first one (topics generated once the run has begun). */
  useTopics(topics: readonly string[]): void {
    this.#topics = topics;
    this.#topicOffset = 0;
  }

  /** Position of the next batch's topic. */
  get topicOffset(): number {
    return this.#topicOffset;
  }

  /** Steering for the next batch of `count` records. */
  forBatch(count: number): BatchSteering {
    const steering: NonNullable<VaryingPromptOptions['steering']> = {};
    let ticket: EnumRequest = new Map();
    if (this.#balancer.active) {
      const picked = this.#balancer.request(count);
      ticket = picked.request;
      steering.targetValues = picked.values;
    }
    if (this.#topics.length > 0) {
      steering.topic = this.#topics[this.#topicOffset % this.#topics.length]!;
      this.#topicOffset += 1;
    }
    const avoid = this.#avoidRecent ? [...this.#recent] : [];
    if (this.#diversity?.missed()) {
      for (const opening of this.#diversity.repeatedOpenings()) avoid.push(`${opening} …`);
    }
    if (avoid.length > 0) steering.avoid = avoid;
    return { steering: Object.keys(steering).length > 0 ? steering : undefined, ticket };
  }

  /** Counts an accepted record towards the enum targets. */
  accept(record: Record<string, unknown>): void {
    this.#balancer.accept(record);
    this.#diversity?.accept(this.#mainText(record));
  }

  /** Marks a batch's requested values as no longer in flight. */
  settle(ticket: EnumRequest): void {
    this.#balancer.settle(ticket);
  }

  /** Remembers what a duplicate was about, for the next batches' "avoid" hint. */
  noteDuplicate(record: Record<string, unknown>): void {
    this.#diversity?.noteDuplicate();
    if (!this.#avoidRecent) return;
    const text = this.#mainText(record);
    if (text === '') return;
    const snippet = [...text].slice(0, AVOID_CHARS).join('');
    const existing = this.#recent.indexOf(snippet);
    if (existing !== -1) this.#recent.splice(existing, 1);
    this.#recent.push(snippet);
    if (this.#recent.length > RECENT_DUPLICATES) this.#recent.shift();
  }
}

/** The enum fields to balance and their target shares, from the schema and the settings. */
export function enumTargets(
  schema: DatasetSchema,
  settings: SteeringSettings,
  warn: (message: string) => void,
): EnumTarget[] {
  const targets: EnumTarget[] = [];
  const weightsByField = settings.enumTargets ?? {};
  for (const field of Object.keys(weightsByField)) {
    const spec = schema.fields.find((candidate) => candidate.name === field);
    if (!spec?.constraints.enum?.length) {
      warn(
        `steering.enumTargets names '${field}', which is not a top-level enum field of the schema; ignored.`,
      );
    }
  }
  for (const field of schema.fields) {
    const members = field.constraints.enum;
    if (!members || members.length < 2) continue;
    const weights = weightsByField[field.name];
    if (!weights && !settings.balanceEnums) continue;
    const values = new Map(members.map((member) => [JSON.stringify(member), member as unknown]));
    const raw = new Map<string, number>();
    for (const [key, member] of values) {
      const label = typeof member === 'string' ? member : JSON.stringify(member);
      raw.set(key, weights ? (weights[label] ?? 0) : 1);
    }
    if (weights) {
      for (const label of Object.keys(weights)) {
        if (
          ![...values.values()].some(
            (member) => (typeof member === 'string' ? member : JSON.stringify(member)) === label,
          )
        ) {
          warn(
            `steering.enumTargets.${field.name} names '${label}', which is not one of its values; ignored.`,
          );
        }
      }
    }
    const total = [...raw.values()].reduce((sum, weight) => sum + weight, 0);
    if (total <= 0) {
      warn(`steering.enumTargets.${field.name} gives no value a positive weight; the field is not balanced.`);
      continue;
    }
    targets.push({
      field: field.name,
      values,
      shares: new Map([...raw].map(([key, weight]) => [key, weight / total])),
    });
  }
  return targets;
}

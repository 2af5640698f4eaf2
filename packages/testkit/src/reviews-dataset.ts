/**
 * A small product-reviews dataset whose schema uses the constraints structured output is tested
 * on: integer ranges, string lengths, an enum and an array with item counts. Shared by the CLI's
 * constraint-schema tests and core's constraint benchmark.
 */
export const reviewsSchema = {
  type: 'object',
  properties: {
    product: { type: 'string', minLength: 3, maxLength: 80 },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    review: { type: 'string', minLength: 20, maxLength: 400 },
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    tags: { type: 'array', items: { type: 'string', maxLength: 30 }, minItems: 1, maxItems: 3 },
  },
  required: ['product', 'rating', 'review', 'sentiment', 'tags'],
  additionalProperties: false,
};

/** One record of {@link reviewsSchema}. */
export interface Review {
  product: string;
  rating: number;
  review: string;
  sentiment: 'positive' | 'neutral' | 'negative';
  tags: string[];
}

/** Three seed records of {@link reviewsSchema}: one positive, one negative, one neutral. */
export const reviewSeeds: readonly Review[] = [
  {
    product: 'Trail running shoes',
    rating: 4,
    review: 'Grippy on wet rock and light enough for long runs, though the laces keep coming undone.',
    sentiment: 'positive',
    tags: ['grip', 'comfort'],
  },
  {
    product: 'Espresso grinder',
    rating: 2,
    review: 'The burrs are fine but the hopper jams every few days and support never answered my email.',
    sentiment: 'negative',
    tags: ['jams', 'support'],
  },
  {
    product: 'Desk lamp',
    rating: 3,
    review: 'Bright and steady; the clamp is flimsy and the colour temperature cannot be changed at all.',
    sentiment: 'neutral',
    tags: ['lighting'],
  },
];

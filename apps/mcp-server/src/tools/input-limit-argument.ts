import { z } from 'zod';

/** The tool argument that raises (or lowers) the size limit of every input file a tool reads. */
export const inputLimitShape = {
  max_input_bytes: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'Largest input file read (schema, seeds, guidelines, topics, records), in bytes (default 64 MiB). A larger file is refused with one line; raise this to read it.',
    ),
};

/** The core setting for {@link inputLimitShape}, when it was given. */
export function toInputLimit(args: { max_input_bytes?: number | undefined }): { maxInputBytes?: number } {
  return args.max_input_bytes === undefined ? {} : { maxInputBytes: args.max_input_bytes };
}

import { type ZodRawShape, z } from 'zod';

/**
 * A tool's arguments as a strict object: an argument the tool does not know is an error that names
 * it and lists the accepted ones, instead of being dropped silently (a host that sends
 * `concurrency: 1` to a tool without it must learn that it had no effect).
 */
export function strictArguments<Shape extends ZodRawShape>(shape: Shape) {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown argument${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}. Accepted: ${accepted}.`
        : undefined,
  });
}

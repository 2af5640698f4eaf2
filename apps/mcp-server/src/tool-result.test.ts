import { SynthesisError } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { ToolError } from './tool-error.js';
import { errorMessage, guardTool, toolFailure } from './tool-result.js';

describe('tool results', () => {
  it('keeps user-facing messages as they are, on one line', () => {
    expect(
      errorMessage(new SynthesisError('invalid_input', 'Invalid arguments: targetCount: too small')),
    ).toBe('Invalid arguments: targetCount: too small');
    expect(errorMessage(new ToolError('busy', 'first line\n  second line'))).toBe('first line second line');
  });

  it('marks anything else as unexpected and asks for a report', () => {
    expect(errorMessage(new TypeError('x is not a function'))).toBe(
      'Unexpected error: x is not a function. Please report it with the output of `datasynth-mcp --version`.',
    );
    expect(toolFailure('plain')).toEqual({ content: [{ type: 'text', text: 'plain' }], isError: true });
  });

  it('guardTool turns a throw into an isError result and redacts what goes out', async () => {
    const redact = <T>(value: T): T =>
      JSON.parse(JSON.stringify(value).replaceAll('KEY123', '[redacted]')) as T;
    const logged: string[] = [];
    const guard = { redact, log: (line: string) => logged.push(line) };
    const refused = guardTool(guard, async () => {
      throw new ToolError('path_refused', 'refused KEY123');
    });
    expect(await refused({}, {})).toEqual({
      content: [{ type: 'text', text: 'refused [redacted]' }],
      isError: true,
    });
    expect(logged).toEqual([]);
    const buggy = guardTool(guard, async () => {
      throw new TypeError('bad KEY123');
    });
    expect(await buggy({}, {})).toMatchObject({ isError: true });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^TypeError: bad \[redacted\]\n\s+at /);
  });
});

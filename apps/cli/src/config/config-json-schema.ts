import { SynthesisConfigSchema } from '@datasynth/core';
import { CONFIG_FIELD_DOCS } from './config-field-docs.js';

/** File name `datasynth init` writes the settings to. */
export const CONFIG_FILE_NAME = 'datasynth.config.json';
/** File name of the JSON Schema written beside it, for editor completion and hover docs. */
export const CONFIG_SCHEMA_FILE_NAME = 'datasynth.config.schema.json';

/**
 * The JSON Schema of `datasynth.config.json`, generated from core's `SynthesisConfigSchema` (input
 * side: every setting optional, defaults shown), with a description on every setting.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = SynthesisConfigSchema.toJSONSchema({ io: 'input' }) as Record<string, unknown>;
  const properties = { ...((generated.properties as Record<string, Record<string, unknown>>) ?? {}) };
  for (const [key, property] of Object.entries(properties)) {
    const documented = CONFIG_FIELD_DOCS[key as keyof typeof CONFIG_FIELD_DOCS];
    properties[key] = {
      ...property,
      description: (property.description as string | undefined) ?? documented,
    };
  }
  return {
    ...generated,
    title: 'DataSynth configuration',
    description: `Settings for datasynth --config ${CONFIG_FILE_NAME}; command-line flags override them.`,
    properties: {
      $schema: { type: 'string', description: 'Where editors find this schema; not a setting.' },
      ...properties,
    },
    additionalProperties: false,
  };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { canonicalJson } from '../dedup/canonical-json.js';
import { journalPaths } from '../journal/journal-paths.js';

/** Hashes (SHA-256, hex) of what a run was made from, kept in its manifest. */
export interface RunManifest {
  schema: string;
  seeds: string;
  /** Absent when the run had no guidelines. */
  guidelines?: string;
  config: string;
}

// Settings that change how a run behaves on this machine, not what it produces.
const NOT_CONTENT = new Set(['overwrite', 'cancelGraceMs', 'batchPollIntervalMs', 'requestTimeoutMs']);

/**
 * Hashes a run's schema, seeds (in order), guidelines and settings. Objects are hashed in canonical
 * form (key order ignored), so the same inputs always give the same manifest; the settings leave out
 * those that only change local behaviour (`overwrite`, timeouts, poll interval), so a resume with
 * `overwrite` or a longer timeout keeps its config hash. No key or secret is part of the settings.
 */
export function buildRunManifest(options: {
  schema: unknown;
  seeds: readonly Record<string, unknown>[];
  guidelines?: string;
  config: Record<string, unknown>;
}): RunManifest {
  const config = Object.fromEntries(Object.entries(options.config).filter(([key]) => !NOT_CONTENT.has(key)));
  return {
    schema: sha256(canonicalJson(options.schema)),
    seeds: sha256(canonicalJson(options.seeds)),
    ...(options.guidelines !== undefined && { guidelines: sha256(options.guidelines) }),
    config: sha256(canonicalJson(config)),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The manifest kept in an output's run state (`.datasynth/<output name>.state.json`), or undefined
 * when there is no readable state or it holds none (a run from before manifests were kept).
 */
export function readRunManifest(outputPath: string): RunManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(journalPaths(outputPath).state, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = RunManifestSchema.safeParse((value as { manifest?: unknown } | null)?.manifest);
  return parsed.success ? parsed.data : undefined;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const RunManifestSchema = z.object({
  schema: sha256Hex,
  seeds: sha256Hex,
  guidelines: sha256Hex.optional(),
  config: sha256Hex,
});

import { createHash } from 'node:crypto';
import { canonicalJson } from '../dedup/canonical-json.js';

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

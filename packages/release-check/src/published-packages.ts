import fs from 'node:fs';
import path from 'node:path';

/** The root of the monorepo this package lives in. */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../..');

/** One package the repository publishes to npm. */
export interface PublishedPackage {
  name: string;
  /** Relative to {@link REPOSITORY_ROOT}. */
  directory: string;
  version: string;
  /** A leaf depends on no other `@datasynth` package, so it installs alone. */
  leaf: boolean;
}

/** The published packages, in the order the architecture layers them (leaves first). */
export const PUBLISHED_PACKAGE_NAMES = [
  '@datasynth/providers',
  '@datasynth/prompts',
  '@datasynth/cost',
  '@datasynth/core',
  '@datasynth/cli',
  '@datasynth/mcp-server',
] as const;

const LEAVES = new Set<string>(['@datasynth/providers', '@datasynth/prompts', '@datasynth/cost']);

interface WorkspaceManifest {
  name: string;
  version: string;
  private?: boolean;
}

/** Every package of the workspace (`packages/*`, `apps/*`) that is not private. */
export function listPublishedPackages(): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of fs.readdirSync(path.join(REPOSITORY_ROOT, group), { withFileTypes: true })) {
      const manifestPath = path.join(REPOSITORY_ROOT, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !fs.existsSync(manifestPath)) continue;
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as WorkspaceManifest;
      if (manifest.private) continue;
      found.push({
        name: manifest.name,
        directory: `${group}/${entry.name}`,
        version: manifest.version,
        leaf: LEAVES.has(manifest.name),
      });
    }
  }
  const order: readonly string[] = PUBLISHED_PACKAGE_NAMES;
  return found.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

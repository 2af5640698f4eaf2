import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packPackage } from './pack-package.js';
import { listPublishedPackages, PUBLISHED_PACKAGE_NAMES, REPOSITORY_ROOT } from './published-packages.js';

const published = listPublishedPackages();
const packed = new Map<string, PackedPackage>();
let temporaryDirectory = '';

beforeAll(async () => {
  temporaryDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-packed-'));
  for (const entry of published) {
    packed.set(
      entry.name,
      await packPackage(
        path.join(REPOSITORY_ROOT, entry.directory),
        path.join(temporaryDirectory, 'tarballs'),
      ),
    );
  }
});

afterAll(() => {
  if (temporaryDirectory) fs.rmSync(temporaryDirectory, { recursive: true, force: true });
});

function packedPackage(name: string): PackedPackage {
  const entry = packed.get(name);
  if (!entry) throw new Error(`${name} was not packed`);
  return entry;
}

/** Every file path an `exports` map (or a plain string) points at. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

describe('the packed tarballs', () => {
  it('cover exactly the six published packages (a new public package must be added here)', () => {
    expect(published.map((entry) => entry.name)).toEqual([...PUBLISHED_PACKAGE_NAMES]);
  });

  it.each([...PUBLISHED_PACKAGE_NAMES])(
    '%s: no workspace: ranges, and its own @datasynth ranges match the workspace versions',
    (name) => {
      const { manifest } = packedPackage(name);
      const ranges = {
        ...manifest.dependencies,
        ...manifest.peerDependencies,
        ...manifest.optionalDependencies,
        ...manifest.devDependencies,
      };
      for (const [dependency, range] of Object.entries(ranges)) {
        expect(range, `${name} → ${dependency}`).not.toMatch(/^workspace:/);
      }
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        const sibling = published.find((entry) => entry.name === dependency);
        if (sibling) expect(range, `${name} → ${dependency}`).toBe(`^${sibling.version}`);
      }
    },
  );

  it.each(published.filter((entry) => entry.leaf).map((entry) => entry.name))(
    '%s is a leaf: it depends on no other @datasynth package, so it installs alone',
    (name) => {
      const dependencies = Object.keys(packedPackage(name).manifest.dependencies ?? {});
      expect(dependencies.filter((dependency) => dependency.startsWith('@datasynth/'))).toEqual([]);
    },
  );

  it.each(published.filter((entry) => !entry.directory.startsWith('apps/')).map((entry) => entry.name))(
    '%s: types and exports point at files inside the tarball, types first',
    (name) => {
      const { manifest, files } = packedPackage(name);
      const targets = [manifest.main, manifest.types, ...exportTargets(manifest.exports)].filter(
        (target): target is string => typeof target === 'string',
      );
      for (const target of targets)
        expect([...files.keys()], `${name}: ${target}`).toContain(path.posix.normalize(target));
      expect(manifest.types).toMatch(/\.d\.ts$/);
      const root = (manifest.exports as Record<string, Record<string, string>>)['.'] ?? {};
      expect(Object.keys(root)[0]).toBe('types');
      const declarations = Buffer.from(files.get(path.posix.normalize(manifest.types ?? '')) ?? []).toString(
        'utf8',
      );
      // A bundled declaration file must not import workspace-only packages the user will not have.
      expect(declarations).not.toMatch(/from ['"]@datasynth\/testkit['"]/);
    },
  );

  it.each(published.filter((entry) => entry.directory.startsWith('apps/')).map((entry) => entry.name))(
    '%s: every bin is in the tarball, executable by node (shebang)',
    (name) => {
      const { manifest, files } = packedPackage(name);
      const bins = Object.values(manifest.bin ?? {});
      expect(bins.length).toBeGreaterThan(0);
      for (const bin of bins) {
        const content = files.get(path.posix.normalize(bin));
        expect(content, `${name}: ${bin}`).toBeDefined();
        expect(Buffer.from(content ?? []).toString('utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
      }
    },
  );

  it.each([...PUBLISHED_PACKAGE_NAMES])(
    '%s passes publint (strict, suggestions included) on its tarball',
    async (name) => {
      const { tarball } = packedPackage(name);
      const bytes = fs.readFileSync(tarball);
      const { messages, pkg } = await publint({
        pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
        level: 'suggestion',
        strict: true,
      });
      expect(
        messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`),
      ).toEqual([]);
    },
  );
});

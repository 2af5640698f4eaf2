import fs from 'node:fs';
import path from 'node:path';
import { unpack } from '@publint/pack';
import { expectSuccess, runCommand } from './run-command.js';

/** A package as `pnpm pack` wrote it, and what is inside. */
export interface PackedPackage {
  name: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** The packed `package.json` (workspace ranges already replaced by pnpm). */
  manifest: PackedManifest;
  /** Paths inside the tarball, relative to its root folder (e.g. `dist/index.js`). */
  files: Map<string, Uint8Array>;
}

/** The parts of a packed manifest the checks read. */
export interface PackedManifest {
  name: string;
  version: string;
  type?: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Runs `pnpm pack` in `packageDirectory` and reads the tarball back. */
export async function packPackage(packageDirectory: string, destination: string): Promise<PackedPackage> {
  fs.mkdirSync(destination, { recursive: true });
  const stdout = expectSuccess(
    await runCommand('pnpm', ['pack', '--pack-destination', destination, '--json'], {
      cwd: packageDirectory,
      env: process.env,
    }),
    `pnpm pack in ${packageDirectory}`,
  );
  const { name, filename } = JSON.parse(stdout) as { name: string; filename: string };
  const tarball = path.resolve(destination, filename);
  const { files: entries, rootDir } = await unpack(fs.readFileSync(tarball));
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) files.set(entry.name.slice(rootDir.length + 1), entry.data);
  const manifestBytes = files.get('package.json');
  if (!manifestBytes) throw new Error(`${tarball} holds no package.json`);
  const manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as PackedManifest;
  return { name, tarball, manifest, files };
}

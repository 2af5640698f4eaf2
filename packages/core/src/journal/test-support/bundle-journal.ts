import { createRequire } from 'node:module';
import path from 'node:path';

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

function loadEsbuild(): Esbuild {
  const require = createRequire(import.meta.url);
  try {
    return require('esbuild') as Esbuild;
  } catch {
    return createRequire(require.resolve('tsup'))('esbuild') as Esbuild;
  }
}

/**
 * Bundles the journal module into one ES module at `outfile`, for tests that run it in a child
 * process: Node 20 cannot run the .ts sources, so they go through esbuild (which tsup, a root dev
 * dependency, brings along).
 */
export async function bundleJournal(outfile: string): Promise<void> {
  await loadEsbuild().build({
    entryPoints: [path.join(import.meta.dirname, '..', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
}

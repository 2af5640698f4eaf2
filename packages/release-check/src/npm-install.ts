import os from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from './published-packages.js';
import { runCommand } from './run-command.js';

/** npm's cache for the check: under the temp dir, so nothing is shared with the user's own cache. */
export const NPM_CACHE_DIRECTORY = path.join(os.tmpdir(), 'datasynth-release-check-npm-cache');

const NETWORK_ERROR = /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|network|proxy/i;

/**
 * Installs `specs` (tarball paths, `name@version`s) into `projectDirectory` with npm, as a user
 * without the workspace would. Third-party dependencies come from the npm registry, so it must be
 * reachable: when it is not, this fails with a message that says so instead of skipping.
 */
export async function npmInstall(projectDirectory: string, specs: readonly string[]): Promise<void> {
  const result = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--cache', NPM_CACHE_DIRECTORY, ...specs],
    { cwd: projectDirectory, env: npmEnvironment(), timeoutMs: 300_000 },
  );
  if (result.code === 0) return;
  const hint = NETWORK_ERROR.test(result.stderr)
    ? 'The release check installs the packed tarballs like a user would, so npm must reach its registry ' +
      '(npm config get registry) for third-party dependencies. It looks unreachable from here.\n'
    : '';
  throw new Error(`${hint}npm install exited ${result.code}:\n${result.stderr.trim()}`);
}

/**
 * The environment for npm and the installed binaries: the caller's, minus what ties it to the
 * workspace — the `npm_*` variables and the `node_modules/.bin` folders on `PATH` that `pnpm run`
 * adds — and minus provider keys and base URLs, so only what a test passes reaches the child.
 */
export function npmEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      /^npm_/i.test(name) &&
      !/^npm_config_(registry|cafile|strict_ssl|https?_proxy|proxy|noproxy)$/i.test(name)
    )
      continue;
    if (/_API_KEY$|_BASE_URL$/.test(name)) continue;
    environment[name] = value;
  }
  environment.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => entry !== '' && !path.resolve(entry).startsWith(REPOSITORY_ROOT))
    .join(path.delimiter);
  return { ...environment, ...extra };
}

import fs from 'node:fs';
import path from 'node:path';

/** One installed version of a provider SDK and the model ids its type declarations list. */
export interface InstalledSdkModels {
  readonly sdk: string;
  readonly version: string;
  readonly folder: string;
  readonly ids: readonly string[];
}

const PNPM_STORE = path.resolve(import.meta.dirname, '../../../../node_modules/.pnpm');

/**
 * The model ids of every installed version of `@anthropic-ai/sdk` (its `Model` type) and `openai`
 * (its `ChatModel` type), read from the .d.ts files the lockfile installed. Tests use it to catch
 * an SDK bump that adds a model the pricing table does not know.
 */
export function installedSdkModels(): InstalledSdkModels[] {
  return [
    ...readSdk('@anthropic-ai+sdk@', '@anthropic-ai/sdk', 'resources/messages/messages.d.ts', 'Model'),
    ...readSdk('openai@', 'openai', 'resources/shared.d.ts', 'ChatModel'),
  ];
}

function readSdk(
  storePrefix: string,
  name: string,
  declarations: string,
  typeName: string,
): InstalledSdkModels[] {
  if (!fs.existsSync(PNPM_STORE)) return [];
  return fs
    .readdirSync(PNPM_STORE)
    .filter((entry) => entry.startsWith(storePrefix))
    .map((entry) => {
      const folder = path.join(PNPM_STORE, entry, 'node_modules', name);
      const version = (
        JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string }
      ).version;
      const source = fs.readFileSync(path.join(folder, declarations), 'utf8');
      const union = new RegExp(`export type ${typeName} = ([^;]+);`).exec(source)?.[1] ?? '';
      const ids = [...union.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
      return { sdk: name, version, folder, ids };
    });
}

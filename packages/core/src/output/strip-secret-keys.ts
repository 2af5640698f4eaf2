/** True for key names that hold credentials: `apiKey`, `api_key`, `secret`, `password`, `authorization`, `accessToken`. */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_\s]/g, '');
  return (
    normal.includes('apikey') ||
    normal.includes('secret') ||
    normal.includes('password') ||
    normal === 'authorization' ||
    normal.endsWith('accesstoken') ||
    normal === 'bearertoken'
  );
}

/**
 * A deep copy of `value` without any object key that looks like a credential, so a caller's
 * mistake cannot put a key into an output file. Returns the paths it removed.
 */
export function stripSecretKeys(value: unknown, at = ''): { value: unknown; removed: string[] } {
  if (Array.isArray(value)) {
    const removed: string[] = [];
    const items = value.map((item, index) => {
      const stripped = stripSecretKeys(item, `${at}[${index}]`);
      removed.push(...stripped.removed);
      return stripped.value;
    });
    return { value: items, removed };
  }
  if (typeof value !== 'object' || value === null) return { value, removed: [] };
  const removed: string[] = [];
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const where = at === '' ? key : `${at}.${key}`;
    if (isSecretKey(key)) {
      removed.push(where);
      continue;
    }
    const stripped = stripSecretKeys(item, where);
    removed.push(...stripped.removed);
    copy[key] = stripped.value;
  }
  return { value: copy, removed };
}

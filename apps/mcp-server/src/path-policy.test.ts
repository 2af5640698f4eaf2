import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPathPolicy } from './path-policy.js';

function setup() {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-policy-')));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'data'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'data', 'seeds.json'), '[]');
  fs.writeFileSync(path.join(outside, 'secret.json'), '{"secret":true}');
  return { base, root, outside, policy: createPathPolicy(root) };
}

describe('createPathPolicy', () => {
  it('resolves relative paths against the root, and accepts absolute paths inside it', () => {
    const { root, policy } = setup();
    expect(policy.root).toBe(root);
    expect(policy.resolveInput('data/seeds.json', 'seeds_path')).toBe(path.join(root, 'data', 'seeds.json'));
    expect(policy.resolveInput(path.join(root, 'data/seeds.json'), 'seeds_path')).toBe(
      path.join(root, 'data', 'seeds.json'),
    );
    expect(policy.resolveInput('data/../data/seeds.json', 'seeds_path')).toBe(
      path.join(root, 'data', 'seeds.json'),
    );
    expect(policy.resolveOutput('new/dir/out.json', 'output_path')).toBe(
      path.join(root, 'new', 'dir', 'out.json'),
    );
    expect(policy.resolveInput('.', 'analysis_dir')).toBe(root);
  });

  it('refuses ../ escapes and absolute paths elsewhere, naming the argument and the root', () => {
    const { outside, policy, root } = setup();
    expect(() => policy.resolveInput('../outside/secret.json', 'seeds_path')).toThrow(
      `seeds_path '../outside/secret.json' is outside the server root: refused. Use a path inside ${root}`,
    );
    expect(() => policy.resolveInput('data/../../outside', 'analysis_dir')).toThrow(
      /outside the server root/,
    );
    expect(() => policy.resolveOutput(path.join(outside, 'out.json'), 'output_path')).toThrow(
      /output_path '.*out\.json' is outside the server root/,
    );
    expect(() => policy.resolveInput('/etc/passwd', 'data_path')).toThrow(/outside the server root/);
    // A sibling folder whose name starts with the root's name is not inside it.
    fs.mkdirSync(`${root}-evil`);
    expect(() => policy.resolveOutput(`${root}-evil/x.json`, 'output_path')).toThrow(
      /outside the server root/,
    );
  });

  it('refuses symlinks whose real path leaves the root: files, folders, and outputs below a linked folder', () => {
    const { root, outside, policy } = setup();
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'data', 'link.json'));
    fs.symlinkSync(outside, path.join(root, 'escape'));
    expect(() => policy.resolveInput('data/link.json', 'seeds_path')).toThrow(
      /leads outside the server root through a symlink/,
    );
    expect(() => policy.resolveInput('escape/secret.json', 'seeds_path')).toThrow(/through a symlink/);
    expect(() => policy.resolveOutput('escape/new/out.json', 'output_path')).toThrow(/through a symlink/);
    expect(fs.existsSync(path.join(outside, 'new'))).toBe(false);
  });

  it('follows symlinks that stay inside the root, and refuses dangling ones', () => {
    const { root, policy } = setup();
    fs.symlinkSync(path.join(root, 'data'), path.join(root, 'alias'));
    expect(policy.resolveInput('alias/seeds.json', 'seeds_path')).toBe(path.join(root, 'data', 'seeds.json'));
    fs.symlinkSync('/nonexistent/target.json', path.join(root, 'dangling.json'));
    expect(() => policy.resolveOutput('dangling.json', 'output_path')).toThrow(/cannot be resolved/);
  });

  it('accepts absolute paths written through a symlinked root', () => {
    const { base, root } = setup();
    const linkedRoot = path.join(base, 'linked-root');
    fs.symlinkSync(root, linkedRoot);
    const policy = createPathPolicy(linkedRoot);
    expect(policy.root).toBe(root);
    expect(policy.resolveInput(path.join(linkedRoot, 'data/seeds.json'), 'seeds_path')).toBe(
      path.join(root, 'data', 'seeds.json'),
    );
  });

  it('refuses empty paths and a root that does not exist', () => {
    const { base, policy } = setup();
    expect(() => policy.resolveInput('  ', 'schema_path')).toThrow(/schema_path is empty/);
    expect(() => createPathPolicy(path.join(base, 'missing'))).toThrow(/does not exist/);
  });
});

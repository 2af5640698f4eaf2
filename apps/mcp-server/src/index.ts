import packageJson from '../package.json' with { type: 'json' };

if (process.argv.includes('--version')) {
  process.stdout.write(`${packageJson.version}\n`);
}

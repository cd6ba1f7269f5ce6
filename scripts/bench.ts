/**
 * npm run bench: runs every packages/*\/bench/*.bench.ts in its own process, one after another
 * (the machine has two cores; parallel benchmarks would measure each other).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
const files = readdirSync('packages')
  .map((pkg) => join('packages', pkg, 'bench'))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => join(dir, f)))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
if (files.length === 0) console.log('no benchmarks found');
process.exitCode = failed > 0 ? 1 : 0;

/**
 * Locates the repository root (the npm workspace root) so models and corpora resolve the same way
 * from the CLI, the tests and the Next.js server, whatever their working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let root: string | undefined;

export function repoRoot(): string {
  if (root) return root;
  let dir = resolve(process.cwd());
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'models')) && 'workspaces' in JSON.parse(readFileSync(pkg, 'utf8'))) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the studio's workspace root above ${process.cwd()}`);
    dir = parent;
  }
}

/** A path inside the repository, e.g. repoPath('models', 'emotion'). */
export function repoPath(...segments: string[]): string {
  return join(repoRoot(), ...segments);
}

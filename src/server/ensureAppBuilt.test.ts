import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBuildStale } from './ensureAppBuilt.ts';

function project(): { root: string; appDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'peerstage-project-'));
  mkdirSync(join(root, 'src/app'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<html></html>');
  writeFileSync(join(root, 'src/app/main.ts'), 'export {};');
  return { root, appDir: join(root, 'dist/app') };
}

const setMtime = (path: string, secondsAgo: number) => {
  const at = Date.now() / 1000 - secondsAgo;
  utimesSync(path, at, at);
};

describe('isBuildStale', () => {
  it('is stale without a build', () => {
    const { root, appDir } = project();
    expect(isBuildStale(root, appDir)).toBe(true);
  });

  it('is fresh when the build is newer than every source, stale once a source changes', () => {
    const { root, appDir } = project();
    mkdirSync(appDir, { recursive: true });
    for (const path of ['index.html', 'src/app/main.ts', 'src/app', 'src']) setMtime(join(root, path), 60);
    writeFileSync(join(appDir, 'index.html'), 'built');
    expect(isBuildStale(root, appDir)).toBe(false);

    writeFileSync(join(root, 'src/app/main.ts'), 'export const changed = 1;');
    setMtime(join(appDir, 'index.html'), 30);
    expect(isBuildStale(root, appDir)).toBe(true);
  });
});

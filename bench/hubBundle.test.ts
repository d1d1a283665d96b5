import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleBytes, firstLoadFiles } from './hubBundle.ts';

describe('firstLoadFiles', () => {
  it('counts the page, its entry, static imports transitively and their CSS, each once', () => {
    const files = firstLoadFiles({
      'index.html': { file: 'assets/index-a.js', css: ['assets/index-a.css'], imports: ['_shared.js', '_ui.js'] },
      '_ui.js': { file: 'assets/ui-b.js', css: ['assets/ui-b.css'], imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared-c.js' },
    });
    expect(files).toEqual([
      'assets/index-a.css',
      'assets/index-a.js',
      'assets/shared-c.js',
      'assets/ui-b.css',
      'assets/ui-b.js',
      'index.html',
    ]);
  });

  it('leaves out what only a dynamic import loads', () => {
    const manifest = {
      'index.html': { file: 'assets/index-a.js', dynamicImports: ['src/recorder.ts'] },
      'src/recorder.ts': { file: 'assets/recorder-d.js', css: ['assets/recorder-d.css'] },
    };
    expect(firstLoadFiles(manifest)).toEqual(['assets/index-a.js', 'index.html']);
  });

  it('refuses a manifest without the entry or a chunk it imports', () => {
    expect(() => firstLoadFiles({})).toThrow('no chunk "index.html"');
    expect(() => firstLoadFiles({ 'index.html': { file: 'a.js', imports: ['_gone.js'] } })).toThrow('no chunk "_gone.js"');
  });
});

describe('bundleBytes', () => {
  it('sums raw bytes and each file gzipped on its own at level 9', () => {
    const text = new TextEncoder();
    const files = [text.encode('<!doctype html>'), text.encode('a'.repeat(10_000)), text.encode('body{margin:0}')];
    const { rawBytes, gzipBytes } = bundleBytes(files);
    expect(rawBytes).toBe(15 + 10_000 + 14);
    expect(gzipBytes).toBe(files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).byteLength, 0));
    // Per file, not the files joined: three gzip headers and trailers.
    expect(gzipBytes).toBeGreaterThan(gzipSync(Buffer.concat(files), { level: 9 }).byteLength);
  });

  it('is zero for no files', () => {
    expect(bundleBytes([])).toEqual({ rawBytes: 0, gzipBytes: 0 });
  });
});

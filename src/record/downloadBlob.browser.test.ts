import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBlob } from './downloadBlob.ts';

afterEach(() => vi.restoreAllMocks());

describe('downloadBlob', () => {
  it('clicks a hidden <a download> with an object URL, removes it, and revokes the URL after', async () => {
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    const clicks: { href: string; download: string }[] = [];
    // The click is seen and cancelled: a test page must not save files.
    const onClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      clicks.push({ href: link.href, download: link.download });
      event.preventDefault();
    };
    document.addEventListener('click', onClick);
    try {
      const done = downloadBlob(new Blob(['x'], { type: 'video/webm' }), 'peerstage-jam-2026-11-25-1742.webm', { revokeAfterMs: 20 });
      expect(clicks).toEqual([{ href: expect.stringMatching(/^blob:/), download: 'peerstage-jam-2026-11-25-1742.webm' }]);
      expect(document.querySelectorAll('a[download]')).toHaveLength(0);
      expect(revoked).not.toHaveBeenCalled();
      await done;
      expect(revoked).toHaveBeenCalledWith(clicks[0]?.href);
    } finally {
      document.removeEventListener('click', onClick);
    }
  });
});

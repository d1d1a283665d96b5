import { describe, expect, it } from 'vitest';
import { recordingNames } from './recordingNames.ts';

describe('recordingNames', () => {
  it('hands out each name once, numbering repeats before the extension', () => {
    const names = recordingNames();
    expect(names.take('peerstage-jam-2026-12-03-2240.webm')).toBe('peerstage-jam-2026-12-03-2240.webm');
    expect(names.take('peerstage-jam-2026-12-03-2240.webm')).toBe('peerstage-jam-2026-12-03-2240-2.webm');
    expect(names.take('peerstage-jam-2026-12-03-2240.webm')).toBe('peerstage-jam-2026-12-03-2240-3.webm');
    // A name that happens to be a numbered one already is skipped too.
    expect(names.take('peerstage-jam-2026-12-03-2240-4.webm')).toBe('peerstage-jam-2026-12-03-2240-4.webm');
    expect(names.take('peerstage-jam-2026-12-03-2240.webm')).toBe('peerstage-jam-2026-12-03-2240-5.webm');
    expect(names.take('noextension')).toBe('noextension');
    expect(names.take('noextension')).toBe('noextension-2');
  });
});

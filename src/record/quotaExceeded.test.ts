import { describe, expect, it } from 'vitest';
import { isQuotaExceeded } from './quotaExceeded.ts';
import { RecordError } from './RecordError.ts';

describe('isQuotaExceeded', () => {
  const quota = new DOMException(
    'The operation failed because it would cause the application to exceed its storage quota.',
    'QuotaExceededError',
  );

  it('knows a full disk itself, and wrapped as a cause', () => {
    expect(isQuotaExceeded(quota)).toBe(true);
    expect(isQuotaExceeded(new RecordError('remux-failed', 'could not write', { cause: quota }))).toBe(true);
    expect(isQuotaExceeded(new Error('outer', { cause: new Error('middle', { cause: quota }) }))).toBe(true);
  });

  it('says no to other failures and to things that are no errors', () => {
    expect(isQuotaExceeded(new DOMException('gone', 'NotFoundError'))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaExceeded('QuotaExceededError')).toBe(false);
    expect(isQuotaExceeded(undefined)).toBe(false);
  });

  it('ends on a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isQuotaExceeded(a)).toBe(false);
  });
});

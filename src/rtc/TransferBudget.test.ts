import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFER_BUDGET, pageTransferBudget, TransferBudget, type TransferLease } from './TransferBudget.ts';

describe('TransferBudget', () => {
  it('hands out leases while the count and the bytes fit, and says why when they do not', () => {
    const budget = new TransferBudget({ maxTransfers: 2, maxBytes: 1000 });
    const first = budget.claim(600);
    expect(first).toMatchObject({ bytes: 600 });
    expect(budget.claim(401)).toMatch(/1000/);
    const second = budget.claim(400);
    expect(second).toMatchObject({ bytes: 400 });
    expect(budget.claim(0)).toMatch(/2 transfers/);
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 2, bytes: 1000 });
  });

  it('gives back what a lease held on release, once however often it is released', () => {
    const budget = new TransferBudget({ maxTransfers: 1, maxBytes: 100 });
    const lease = budget.claim(100) as TransferLease;
    lease.release();
    lease.release();
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 0, bytes: 0 });
    expect(budget.claim(100)).toMatchObject({ bytes: 100 });
    expect(budget.claim(1)).toEqual(expect.any(String));
  });

  it('refuses sizes that are not byte counts', () => {
    const budget = new TransferBudget({ maxTransfers: 4, maxBytes: 100 });
    for (const bytes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(budget.claim(bytes)).toEqual(expect.any(String));
    expect(budget.transfers).toBe(0);
  });

  it('is one budget per page unless a channel is given its own', () => {
    expect(pageTransferBudget()).toBe(pageTransferBudget());
    expect(pageTransferBudget().limits).toEqual(DEFAULT_TRANSFER_BUDGET);
  });

  it('never holds more than its limits, and holds nothing once every lease is released (property)', () => {
    const step = fc.oneof(fc.record({ claim: fc.integer({ min: 0, max: 600 }) }), fc.record({ release: fc.nat() }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.array(step, { maxLength: 60 }),
        (maxTransfers, maxBytes, steps) => {
          const budget = new TransferBudget({ maxTransfers, maxBytes });
          const leases: TransferLease[] = [];
          for (const next of steps) {
            if ('claim' in next) {
              const fits = budget.transfers < maxTransfers && budget.bytes + next.claim <= maxBytes;
              const lease = budget.claim(next.claim);
              expect(typeof lease !== 'string').toBe(fits);
              if (typeof lease !== 'string') leases.push(lease);
            } else if (leases.length > 0) {
              // Released twice on purpose: the second must change nothing.
              const lease = leases[next.release % leases.length]!;
              lease.release();
              lease.release();
            }
            expect(budget.transfers).toBeLessThanOrEqual(maxTransfers);
            expect(budget.bytes).toBeLessThanOrEqual(maxBytes);
          }
          for (const lease of leases) lease.release();
          expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 0, bytes: 0 });
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { TransferBudget } from './TransferBudget.ts';
import { limits, setup, counting, chunks, hasReason } from '../testing/channelReceiverRig.ts';

describe('ChannelReceiver budget and memory', () => {
  it('shares one budget across channels: a transfer beyond it is refused as over-budget, then taken once there is room', () => {
    const budget = new TransferBudget({ maxTransfers: 1, maxBytes: 10_000 });
    const first = setup(limits, { budget });
    const second = setup(limits, { budget });
    const [a1, a2] = chunks(1, counting(200), 100);
    first.receiver.receive(a1!);
    const [b1, b2] = chunks(1, counting(150), 100);
    second.receiver.receive(b1!);
    second.receiver.receive(b2!);
    expect(second.sink.errors).toHaveLength(1);
    expect(second.sink.errors[0]).toSatisfy(hasReason('over-budget'));
    expect(second.sink.messages).toEqual([]);
    first.receiver.receive(a2!);
    for (const frame of chunks(2, counting(150), 100)) second.receiver.receive(frame);
    expect(second.sink.messages).toHaveLength(1);
  });

  it('gives its unfinished transfers back to the budget on clear(), so a closed channel holds nothing', () => {
    const budget = new TransferBudget({ maxTransfers: 4, maxBytes: 10_000 });
    const { receiver } = setup(limits, { budget });
    receiver.receive(chunks(1, counting(300), 100)[0]!);
    receiver.receive(chunks(2, counting(300), 100)[0]!);
    expect(budget.transfers).toBe(2);
    receiver.clear();
    expect({ transfers: budget.transfers, bytes: budget.bytes }).toEqual({ transfers: 0, bytes: 0 });
  });

  it('reports memory it cannot get as out-of-memory on the sink, and receive() does not throw', () => {
    const allocate = (): Uint8Array<ArrayBuffer> => {
      throw new RangeError('Array buffer allocation failed');
    };
    const { sink, receiver } = setup(limits, { allocate });
    expect(() => receiver.receive(chunks(1, counting(200), 100)[0]!)).not.toThrow();
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('out-of-memory'));
    receiver.receive('{"still":"here"}');
    expect(sink.messages).toEqual([{ still: 'here' }]);
  });

  it('never delivers a transfer completed by a repeated chunk', () => {
    const { sink, receiver } = setup();
    const [first] = chunks(1, counting(200), 100);
    receiver.receive(first!);
    receiver.receive(first!);
    expect(sink.messages).toEqual([]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('malformed'));
  });
});

import { describe, expect, it } from 'vitest';
import { qualityText } from './qualityText.ts';

describe('qualityText', () => {
  it('says a good link in two words, and a relay', () => {
    expect(qualityText({ level: 'good', roundTripMs: 3, lossRatio: 0, relayed: false })).toBe('good connection');
    expect(qualityText({ level: 'good', roundTripMs: 40, lossRatio: 0, relayed: true })).toBe('good connection (relayed)');
  });

  it('says what makes a link fair or poor', () => {
    expect(qualityText({ level: 'fair', roundTripMs: 220, lossRatio: 0, relayed: false })).toBe('fair connection: round trip 220 ms');
    expect(qualityText({ level: 'poor', roundTripMs: 450.4, lossRatio: 0.091, relayed: false })).toBe(
      'poor connection: 9 % lost, round trip 450 ms — may break up',
    );
    expect(qualityText({ level: 'poor', roundTripMs: null, lossRatio: 0.2, relayed: true })).toBe(
      'poor connection: 20 % lost — may break up (relayed)',
    );
  });
});

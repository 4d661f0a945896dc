import { advanceClockRequestSchema } from './admin';

describe('advanceClockRequestSchema', () => {
  it('should accept day, week and time durations', () => {
    for (const duration of ['P16D', 'P2W', 'PT2H30M', 'P1DT12H', 'PT0.5S']) {
      expect(advanceClockRequestSchema.safeParse({ duration }).success).toBe(true);
    }
  });

  it('should refuse empty, negative, month and malformed durations and unknown fields', () => {
    for (const body of [{ duration: 'P' }, { duration: '-P1D' }, { duration: 'P1M' }, { duration: '16 days' }, { duration: 'PT' }, { duration: 'P1D', extra: 1 }]) {
      expect(advanceClockRequestSchema.safeParse(body).success).toBe(false);
    }
  });
});

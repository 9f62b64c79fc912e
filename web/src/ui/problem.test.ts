import { describe, expect, it } from 'vitest';
import { problemMessage } from './problem';

describe('problemMessage', () => {
  it('joins the detail of problem details with the fields at fault', () => {
    const problem = { title: 'Bad Request', detail: 'The order is invalid.', errors: { quantity: ['must be positive'] } };
    expect(problemMessage(problem, 'x')).toBe('The order is invalid. — quantity: must be positive');
  });

  it("reads Alpaca's {code, message}", () => {
    expect(problemMessage({ code: 40310000, message: 'insufficient buying power' }, 'x')).toBe('insufficient buying power');
  });

  it('falls back when the body says nothing', () => {
    expect(problemMessage(undefined, 'fallback')).toBe('fallback');
    expect(problemMessage({}, 'fallback')).toBe('fallback');
  });
});

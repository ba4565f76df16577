// R7: what a masked agent sees, and that only masked agents are masked.
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, shouldMaskContactDetails } from './masking';
import { actor } from './testing/actors';

describe('R7: masking of phone numbers and email addresses', () => {
  it('R7: a phone number keeps only its last two digits', () => {
    expect(maskPhone('+44 20 7946 0958')).toBe('••••••••••58');
    expect(maskPhone('+44 20 7946 0958')).not.toMatch(/7946/);
  });

  it('R7: a very short number is hidden completely', () => {
    expect(maskPhone('12')).toBe('••••');
  });

  it('R7: an email keeps its first letter and top-level domain only', () => {
    expect(maskEmail('jane.doe@example.co.uk')).toBe('j•••@•••.uk');
    expect(maskEmail('not-an-email')).toBe('••••••');
  });

  it('R7: only agents with the restriction on an advanced plan are masked', () => {
    expect(shouldMaskContactDetails(actor('agent', { maskContactDetails: true }, 'advanced'))).toBe(true);
    expect(shouldMaskContactDetails(actor('agent', { maskContactDetails: true }, 'growth'))).toBe(false);
    expect(shouldMaskContactDetails(actor('agent'))).toBe(false);
    expect(shouldMaskContactDetails(actor('manager', { maskContactDetails: true }))).toBe(false);
  });
});

// Known answers: RFC 6238 Appendix B's SHA-1 rows (secret "12345678901234567890", 30-second steps). The RFC prints
// 8 digits; an authenticator app shows 6, which are the last 6 of the same truncated value (RFC 4226 §5.3).
import { describe, expect, it } from 'vitest';
import { codeAt, matchingTimeStep, otpauthUri, timeStepAt } from '../../../../../electron/core/secondFactor';

// base32("12345678901234567890")
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const appendixB = [
  { seconds: 59, step: 0x1, eightDigits: '94287082' },
  { seconds: 1111111109, step: 0x23523ec, eightDigits: '07081804' },
  { seconds: 1111111111, step: 0x23523ed, eightDigits: '14050471' },
  { seconds: 1234567890, step: 0x273ef07, eightDigits: '89005924' },
  { seconds: 2000000000, step: 0x3f940aa, eightDigits: '69279037' },
  { seconds: 20000000000, step: 0x27bc86aa, eightDigits: '65353130' },
];

describe('time-based codes (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each(appendixB)('gives the RFC’s code at $seconds s', ({ seconds, step, eightDigits }) => {
    const at = new Date(seconds * 1000);
    expect(timeStepAt(at)).toBe(step);
    expect(codeAt(RFC_SECRET, at)).toBe(eightDigits.slice(2));
    expect(matchingTimeStep(RFC_SECRET, eightDigits.slice(2), at)).toBe(step);
  });

  it('accepts a code one step either side (a phone’s clock a little out) and no further', () => {
    const at = new Date(1111111111 * 1000);
    const step = timeStepAt(at);
    const codeFor = (offset: number) => codeAt(RFC_SECRET, new Date((step + offset) * 30_000));
    expect(matchingTimeStep(RFC_SECRET, codeFor(-1), at)).toBe(step - 1);
    expect(matchingTimeStep(RFC_SECRET, codeFor(1), at)).toBe(step + 1);
    expect(matchingTimeStep(RFC_SECRET, codeFor(-2), at)).toBeNull();
    expect(matchingTimeStep(RFC_SECRET, codeFor(2), at)).toBeNull();
  });

  it('writes the otpauth:// link with the defaults every authenticator app reads', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'Safeguarding Records (Oakfield Primary School)', 'j.okafor'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('issuer')).toBe('Safeguarding Records (Oakfield Primary School)');
    expect(decodeURIComponent(uri.pathname)).toContain('j.okafor');
  });
});

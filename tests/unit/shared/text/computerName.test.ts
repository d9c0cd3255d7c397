import { describe, expect, it } from 'vitest';
import { describeComputer } from '../../../../shared/text';

describe('naming a computer on the active sessions page', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131 on Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', 'Edge 131 on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on macOS'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari 18 on macOS'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', 'Chrome 130 on ChromeOS'],
    ['Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1', 'Safari 17 on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) safeguarding-records/1.0.0 Chrome/130.0.0.0 Electron/33.2.0 Safari/537.36', 'Safeguarding Records app on Windows'],
  ])('%s → %s', (userAgent, name) => {
    expect(describeComputer(userAgent)).toBe(name);
  });

  it('says when a client gave no name, and shortens what it cannot place', () => {
    expect(describeComputer(null)).toBe('This computer (no browser name)');
    expect(describeComputer('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeComputer('x'.repeat(100))).toHaveLength(58);
  });
});

// The desktop client's memory of the hub's session cookie: set at sign-in, replaced, and gone at sign-out.
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../../../../electron/core/network/cookieJar';

describe('the session cookie jar', () => {
  it('sends back what the hub set, replaced by newer values, and nothing before sign-in', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(['__Host-session=one; Path=/; Secure; HttpOnly; SameSite=Strict', 'theme=dark']);
    jar.store(['__Host-session=two; Path=/; Secure; HttpOnly']);
    expect(jar.header()).toBe('__Host-session=two; theme=dark');
  });

  it('forgets a cookie the hub expires, by Max-Age or by a past Expires date, and Max-Age wins', () => {
    const jar = new CookieJar();
    const now = new Date('2026-12-02T09:00:00Z');
    jar.store(['__Host-session=abc', 'a=1', 'b=2'], now);
    jar.store(['__Host-session=; Max-Age=0', 'a=; Expires=Tue, 01 Dec 2026 09:00:00 GMT', 'b=3; Max-Age=60; Expires=Tue, 01 Dec 2026 09:00:00 GMT'], now);
    expect(jar.get('__Host-session')).toBeUndefined();
    expect(jar.get('a')).toBeUndefined();
    expect(jar.header()).toBe('b=3');
  });
});

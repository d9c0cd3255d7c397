// The hub's session cookie for a desktop client, kept in memory only: a restart signs the person out, as closing a
// browser does. One jar per pinned client, so cookies only ever go back to the hub that set them.
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of one response: new values replace old, expired ones are removed. */
  store(setCookieHeaders: readonly string[] | undefined, now: Date = new Date()): void {
    for (const header of setCookieHeaders ?? []) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (expiresNow(attributes, now)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The Cookie header to send, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  clear(): void {
    this.#cookies.clear();
  }
}

function expiresNow(attributes: readonly string[], now: Date): boolean {
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const value = rest.join('=').trim();
    // Max-Age wins over Expires (RFC 6265 §5.3); a sign-out sends Max-Age=0.
    if (key.trim().toLowerCase() === 'max-age') return Number(value) <= 0;
  }
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    if (key.trim().toLowerCase() === 'expires') {
      const expires = Date.parse(rest.join('=').trim());
      return !Number.isNaN(expires) && expires <= now.getTime();
    }
  }
  return false;
}

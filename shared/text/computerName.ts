// The active sessions page names each computer by what its browser says it is. A User-Agent string is long and
// mostly historical noise ("Mozilla/5.0 … like Gecko"); a DSL needs "Chrome on Windows" to tell the lost laptop apart.

const browsers: ReadonlyArray<[RegExp, string]> = [
  // Order matters: Edge and Opera say "Chrome" too, and Chrome says "Safari".
  [/Electron\/(\d+)/, 'Safeguarding Records app'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const systems: ReadonlyArray<[RegExp, string]> = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Android/, 'Android'],
  [/Linux/, 'Linux'],
];

/** `Chrome 131 on Windows` from a User-Agent string; what it cannot place it shows shortened rather than hides. */
export function describeComputer(userAgent: string | null): string {
  if (!userAgent) return 'This computer (no browser name)';
  const browser = browsers.find(([pattern]) => pattern.test(userAgent));
  const system = systems.find(([pattern]) => pattern.test(userAgent));
  if (!browser) return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
  const version = browser[1] === 'Safeguarding Records app' ? '' : ` ${userAgent.match(browser[0])![1]}`;
  return `${browser[1]}${version}${system ? ` on ${system[1]}` : ''}`;
}

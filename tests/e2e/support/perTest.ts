// The hooks an end-to-end file needs: one Chromium for the file; for each test a fresh host over an empty data folder
// and a page on it, both thrown away afterwards.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, openPage, type OpenedPage } from './browser';
import { startTestHost, type TestHostOptions, type TestSchoolHost } from './host';

export interface PerTest {
  /** The current test's host (its app is reachable as testHost.host.app). */
  testHost: TestSchoolHost;
  /** The current test's page and the problems (console errors, failed requests) it has seen. */
  opened: OpenedPage;
}

/** Registers the hooks; read the fields inside a test, where they belong to that test. */
export function hostAndPagePerTest(hostOptions: () => TestHostOptions = () => ({})): PerTest {
  let browser: Browser | undefined;
  const current = {} as PerTest;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    current.testHost = await startTestHost(hostOptions());
    current.opened = await openPage(browser!, current.testHost.host.url);
  });
  afterEach(async () => {
    await current.opened?.context.close();
    await current.testHost?.close();
  });
  return current;
}

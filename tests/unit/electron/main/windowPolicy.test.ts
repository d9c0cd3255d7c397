// The window's permission rule, tried with the requests an attacker's frame or a look-alike page would make.
import { describe, expect, it } from 'vitest';
import { mayGrantPermission } from '../../../../electron/main/windowPolicy';

describe('the Electron window’s permission handlers', () => {
  it('let the app’s own page show notifications, from a page URL or from its origin', () => {
    expect(mayGrantPermission('notifications', 'app://renderer/index.html#/queue')).toBe(true);
    expect(mayGrantPermission('notifications', 'app://renderer')).toBe(true);
  });

  it('refuse notifications to any other origin, including look-alikes of the app’s own', () => {
    for (const requestingUrl of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'file:///C:/Users/Public/page.html',
      'app://renderer.evil.example/',
      'app://evil@renderer/',
      'app://other/index.html',
      'data:text/html,<script>new Notification("x")</script>',
      '',
      undefined,
      'not a url',
    ]) {
      expect(mayGrantPermission('notifications', requestingUrl), String(requestingUrl)).toBe(false);
    }
  });

  it('refuse every other permission even to the app’s own page', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(mayGrantPermission(permission, 'app://renderer/index.html'), permission).toBe(false);
    }
  });
});

// @peculiar/x509 on node:crypto's WebCrypto. The library resolves its algorithms through tsyringe, which refuses to
// load unless a Reflect metadata API exists; it only stores and reads plain values with it (no emitted design-time
// types), so the three functions below are enough and spare the app a global polyfill package. `reflect-metadata`
// is the drop-in replacement if another library ever needs more. Import x509 from here, never directly, so the shim
// is in place before the library loads.
import './reflectMetadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
// Typed as the DOM's SubtleCrypto, which is what @peculiar/x509's signatures name; it is the same object.
export const subtle = webcrypto.subtle as unknown as SubtleCrypto;

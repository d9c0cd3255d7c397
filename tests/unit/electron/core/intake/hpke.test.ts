// RFC 9180's own known answers: if any step (a label, a length, the nonce's sequence number) drifts, a vector fails.
// These pin the construction, so a later version of the app still opens what this one sealed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AEAD_AES_256_GCM,
  HpkeError,
  deriveKeyPair,
  encap,
  generateKeyPair,
  keySchedule,
  openBase,
  sealBase,
  setupBaseR,
  setupBaseS,
  type AeadId,
} from '../../../../../electron/core/intake/hpke';

interface Vector {
  mode: number;
  kem_id: number;
  kdf_id: number;
  aead_id: AeadId;
  info: string;
  ikmR: string;
  ikmE: string;
  skRm: string;
  skEm: string;
  pkRm: string;
  pkEm: string;
  enc: string;
  shared_secret: string;
  key_schedule_context: string;
  secret: string;
  key: string;
  base_nonce: string;
  exporter_secret: string;
  encryptions: Array<{ aad: string; ct: string; nonce: string; pt: string }>;
  exports: Array<{ exporter_context: string; L: number; exported_value: string }>;
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/intake/hpke-rfc9180-vectors.json'), 'utf8'),
) as { vectors: Vector[] };
const hex = (text: string) => Buffer.from(text, 'hex');

describe('HPKE against the RFC 9180 test vectors', () => {
  it('holds the two suites we use: base mode, X25519, HKDF-SHA256, AES-128-GCM (Appendix A.1) and AES-256-GCM', () => {
    expect(fixture.vectors.map((vector) => [vector.mode, vector.kem_id, vector.kdf_id, vector.aead_id])).toEqual([
      [0, 32, 1, 1],
      [0, 32, 1, 2],
    ]);
  });

  for (const vector of fixture.vectors) {
    describe(`aead ${vector.aead_id}`, () => {
      it('derives the recipient’s and the ephemeral key pairs from their seeds', () => {
        const recipient = deriveKeyPair(hex(vector.ikmR));
        const ephemeral = deriveKeyPair(hex(vector.ikmE));
        expect(recipient.privateKey.toString('hex')).toBe(vector.skRm);
        expect(recipient.publicKey.toString('hex')).toBe(vector.pkRm);
        expect(ephemeral.privateKey.toString('hex')).toBe(vector.skEm);
        expect(ephemeral.publicKey.toString('hex')).toBe(vector.pkEm);
      });

      it('agrees on enc, the shared secret and every value of the key schedule', () => {
        const { sharedSecret, enc } = encap(hex(vector.pkRm), { privateKey: hex(vector.skEm), publicKey: hex(vector.pkEm) });
        expect(enc.toString('hex')).toBe(vector.enc);
        expect(sharedSecret.toString('hex')).toBe(vector.shared_secret);
        const schedule = keySchedule(vector.aead_id, sharedSecret, hex(vector.info));
        expect(schedule.keyScheduleContext.toString('hex')).toBe(vector.key_schedule_context);
        expect(schedule.secret.toString('hex')).toBe(vector.secret);
        expect(schedule.key.toString('hex')).toBe(vector.key);
        expect(schedule.baseNonce.toString('hex')).toBe(vector.base_nonce);
        expect(schedule.exporterSecret.toString('hex')).toBe(vector.exporter_secret);
      });

      it(`seals all ${vector.encryptions.length} messages in order to the published ciphertexts, and opens them`, () => {
        const ephemeral = { privateKey: hex(vector.skEm), publicKey: hex(vector.pkEm) };
        const { context: sender } = setupBaseS(vector.aead_id, hex(vector.pkRm), hex(vector.info), ephemeral);
        const recipient = setupBaseR(vector.aead_id, hex(vector.enc), hex(vector.skRm), hex(vector.info));
        for (const encryption of vector.encryptions) {
          expect(sender.seal(hex(encryption.aad), hex(encryption.pt)).toString('hex')).toBe(encryption.ct);
          expect(recipient.open(hex(encryption.aad), hex(encryption.ct)).toString('hex')).toBe(encryption.pt);
        }
      });

      it('exports the published secrets', () => {
        const recipient = setupBaseR(vector.aead_id, hex(vector.enc), hex(vector.skRm), hex(vector.info));
        for (const exported of vector.exports) {
          expect(recipient.export(hex(exported.exporter_context), exported.L).toString('hex')).toBe(exported.exported_value);
        }
      });

      it('refuses the first ciphertext with one bit changed, or with other associated data', () => {
        const [first] = vector.encryptions;
        const altered = hex(first!.ct);
        altered[3]! ^= 0x01;
        expect(() => openBase(vector.aead_id, hex(vector.enc), hex(vector.skRm), hex(vector.info), hex(first!.aad), altered)).toThrow(HpkeError);
        expect(() => openBase(vector.aead_id, hex(vector.enc), hex(vector.skRm), hex(vector.info), Buffer.from('Count-1'), hex(first!.ct))).toThrow(HpkeError);
        expect(openBase(vector.aead_id, hex(vector.enc), hex(vector.skRm), hex(vector.info), hex(first!.aad), hex(first!.ct)).toString('hex')).toBe(first!.pt);
      });
    });
  }
});

describe('HPKE as intake uses it', () => {
  it('opens with the recipient’s private key and with no other', () => {
    const hub = generateKeyPair();
    const stranger = generateKeyPair();
    const { enc, ciphertext } = sealBase(AEAD_AES_256_GCM, hub.publicKey, Buffer.from('info'), Buffer.from('aad'), Buffer.from('Mum hit me with a belt'));
    expect(openBase(AEAD_AES_256_GCM, enc, hub.privateKey, Buffer.from('info'), Buffer.from('aad'), ciphertext).toString()).toBe('Mum hit me with a belt');
    const attempt = () => openBase(AEAD_AES_256_GCM, enc, stranger.privateKey, Buffer.from('info'), Buffer.from('aad'), ciphertext);
    expect(attempt).toThrow(expect.objectContaining({ reason: 'open_failed' }));
  });

  it('uses a fresh ephemeral key each time, so the same words never seal to the same bytes', () => {
    const hub = generateKeyPair();
    const first = sealBase(AEAD_AES_256_GCM, hub.publicKey, Buffer.alloc(0), Buffer.alloc(0), Buffer.from('same words'));
    const second = sealBase(AEAD_AES_256_GCM, hub.publicKey, Buffer.alloc(0), Buffer.alloc(0), Buffer.from('same words'));
    expect(first.enc.equals(second.enc)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('refuses a public key of small order instead of deriving a secret anyone could compute', () => {
    // The all-zero point: X25519 with it gives all zeros whatever the private key (RFC 7748 §6.1).
    expect(() => sealBase(AEAD_AES_256_GCM, Buffer.alloc(32), Buffer.alloc(0), Buffer.alloc(0), Buffer.from('x'))).toThrow(expect.objectContaining({ reason: 'invalid_key' }));
  });
});

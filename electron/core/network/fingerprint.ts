// What a client pins and what a person compares: the SHA-256 of the hub's root certificate's public key (its
// SubjectPublicKeyInfo), not of the certificate, so a certificate re-issued on the same key keeps every pin.
import crypto from 'node:crypto';

export interface HubFingerprint {
  /** 64 lower-case hex digits: what connect.json stores and the pinned client compares. */
  spkiSha256: string;
  /** The same digits upper-case in 16 groups of four, for a person to read off the hub's screen. */
  grouped: string;
  /** The first 60 bits as 12 Crockford base-32 characters in groups of four, e.g. `7K3M-Q9XD-2HJR`. */
  enrolmentCode: string;
}

// Crockford's alphabet: no I, L, O or U, so a code read aloud or copied by hand cannot be mistyped into another.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARACTERS = 12;

/** Hash of a public key given as DER SubjectPublicKeyInfo (what node:tls gives as `cert.pubkey`). */
export function spkiSha256(spkiDer: Uint8Array): string {
  return crypto.createHash('sha256').update(spkiDer).digest('hex');
}

export function certificateSpkiSha256(certificatePem: string): string {
  const certificate = new crypto.X509Certificate(certificatePem);
  return spkiSha256(certificate.publicKey.export({ type: 'spki', format: 'der' }));
}

export function describeFingerprint(spkiSha256Hex: string): HubFingerprint {
  const hex = spkiSha256Hex.toLowerCase();
  const grouped = hex.toUpperCase().match(/.{4}/g)!.join(' ');
  return { spkiSha256: hex, grouped, enrolmentCode: enrolmentCodeFrom(hex) };
}

export function fingerprintOfCertificate(certificatePem: string): HubFingerprint {
  return describeFingerprint(certificateSpkiSha256(certificatePem));
}

function enrolmentCodeFrom(hex: string): string {
  // 60 bits: finding another key whose hash starts with the same 60 bits takes about 2^60 key generations, out of
  // reach of anyone placed on a school network; the full fingerprint is always there for those who prefer it.
  const bits = BigInt(`0x${hex.slice(0, 15)}`);
  let code = '';
  for (let index = CODE_CHARACTERS - 1; index >= 0; index -= 1) {
    code += CROCKFORD[Number((bits >> BigInt(index * 5)) & 31n)];
  }
  return code.match(/.{4}/g)!.join('-');
}

/**
 * Whether what a person typed is this fingerprint's enrolment code or its full hex. Spaces, hyphens, colons and case
 * are ignored, and the letters Crockford reads as digits (O, I, L) are read that way.
 */
export function typedMatchesFingerprint(typed: string, fingerprint: HubFingerprint): boolean {
  const compact = typed.replace(/[\s:-]/g, '').toUpperCase();
  if (/^[0-9A-F]{64}$/.test(compact)) return compact.toLowerCase() === fingerprint.spkiSha256;
  const asCode = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  return asCode.length === CODE_CHARACTERS && asCode === fingerprint.enrolmentCode.replace(/-/g, '');
}

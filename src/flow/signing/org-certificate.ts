/**
 * The organisation's document-seal certificate: the key that seals completed offer packets as a
 * PKCS#7 signature (see seal.ts). At first start an organisation gets a self-signed one, generated
 * here; it may later upload its own (from a CA that PDF readers trust), which `readP12` checks.
 *
 * Pure apart from randomness: no files, no database. The caller stores the P12 and its passphrase
 * (the passphrase apart from the P12, so one leaked backup is not enough to seal).
 */
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SealCertificate {
  /** PKCS#12 (DER) holding the private key and the certificate, encrypted with `passphrase`. */
  p12: Buffer;
  passphrase: string;
  certificatePem: string;
  /** SHA-256 of the certificate's DER, lower-case hex: what an operator compares by eye. */
  fingerprintSha256: string;
}

export interface P12Info {
  certificatePem: string;
  fingerprintSha256: string;
  notAfter: Date;
  /** The subject's common name, written into the seal as the signer's name. */
  commonName: string;
}

export function generateSealCertificate(input: { organizationName: string; now: Date; validityYears?: number }): SealCertificate {
  const organizationName = input.organizationName.trim();
  if (organizationName === '') throw new Error('A seal certificate needs the organisation name.');
  if (Number.isNaN(input.now.getTime())) throw new Error('A seal certificate needs a valid issue date.');
  const years = input.validityYears ?? 10;
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new Error('Seal certificate validity must be 1 to 30 whole years.');

  // forge hands this to Node's native generateKeyPairSync when it can (~100 ms, not seconds).
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  // A minute of slack before "now" so a verifier whose clock is slightly behind still accepts it.
  cert.validity.notBefore = new Date(input.now.getTime() - 60_000);
  const notAfter = new Date(input.now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  cert.validity.notAfter = notAfter;
  const subject = [
    { name: 'commonName', value: `${organizationName} document seal` },
    { name: 'organizationName', value: organizationName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    // What a document-signing certificate may do, and nothing else.
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());

  const passphrase = randomBytes(24).toString('base64url');
  // AES-256 rather than forge's default 3DES; P12Signer (and OpenSSL 3) read both.
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, {
    algorithm: 'aes256',
    friendlyName: `${organizationName} document seal`,
  });
  const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  return { p12, passphrase, certificatePem: forge.pki.certificateToPem(cert), fingerprintSha256: fingerprint(cert) };
}

/**
 * Opens a P12 as the sealer will, so a bad upload is refused when it is uploaded and not when the
 * first candidate signs: wrong passphrase, no private key, or no certificate for that key.
 */
export function readP12(p12: Buffer, passphrase: string): P12Info {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) {
      throw new Error('The certificate file could not be opened: the passphrase is wrong.');
    }
    throw new Error(`The certificate file is not a readable PKCS#12 (.p12 / .pfx) file: ${message}`);
  }
  // @signpdf's P12Signer reads only shrouded (encrypted) key bags: a plain key bag would pass
  // here and fail at signing time, so it is refused as "no key" too.
  const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? [];
  const key = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('The certificate file holds no private key: export it with its key (encrypted) to seal documents.');
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const cert = certBags
    .map((b) => b.cert)
    .find((c): c is forge.pki.Certificate => {
      const pub = c?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return !!pub?.n && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
    });
  if (!cert) throw new Error('The certificate file holds a private key but no certificate for it.');
  const commonName = String(cert.subject.getField('CN')?.value ?? '');
  return { certificatePem: forge.pki.certificateToPem(cert), fingerprintSha256: fingerprint(cert), notAfter: cert.validity.notAfter, commonName };
}

/** 16 random bytes as a positive DER integer (top bit clear, first byte non-zero). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function fingerprint(cert: forge.pki.Certificate): string {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return createHash('sha256').update(der).digest('hex');
}

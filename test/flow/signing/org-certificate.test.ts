import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { generateSealCertificate, readP12 } from '../../../src/flow/signing/org-certificate';

const now = new Date('2026-11-25T09:00:00Z');

describe('generateSealCertificate', () => {
  const cert = generateSealCertificate({ organizationName: 'Northwind Staffing, Inc.', now, validityYears: 5 });

  it('is a self-signed document-seal certificate for the organisation', () => {
    const x509 = new X509Certificate(cert.certificatePem);
    // Node escapes the comma of a distinguished name's value.
    expect(x509.subject).toContain('CN=Northwind Staffing\\, Inc. document seal');
    expect(x509.subject).toContain('O=Northwind Staffing\\, Inc.');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(new Date(x509.validTo).getUTCFullYear()).toBe(2031);
    expect(x509.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(cert.fingerprintSha256);
    expect(createHash('sha256').update(x509.raw).digest('hex')).toBe(cert.fingerprintSha256);

    const parsed = forge.pki.certificateFromPem(cert.certificatePem);
    const usage = parsed.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean };
    expect(usage).toMatchObject({ digitalSignature: true, nonRepudiation: true });
    expect(usage.keyCertSign).toBeFalsy();
    // A positive serial of 16 random bytes.
    expect(parsed.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
  });

  it('gives every certificate its own key, serial and passphrase', () => {
    const other = generateSealCertificate({ organizationName: 'Northwind Staffing, Inc.', now });
    expect(other.fingerprintSha256).not.toBe(cert.fingerprintSha256);
    expect(other.passphrase).not.toBe(cert.passphrase);
    expect(cert.passphrase.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses an empty organisation name or a silly validity', () => {
    expect(() => generateSealCertificate({ organizationName: '  ', now })).toThrow(/organisation name/);
    expect(() => generateSealCertificate({ organizationName: 'X', now, validityYears: 0 })).toThrow(/validity/);
  });

  it('reads back with its passphrase', () => {
    const info = readP12(cert.p12, cert.passphrase);
    expect(info.fingerprintSha256).toBe(cert.fingerprintSha256);
    expect(info.certificatePem).toBe(cert.certificatePem);
    expect(info.commonName).toBe('Northwind Staffing, Inc. document seal');
    expect(info.notAfter.toISOString()).toBe('2031-11-25T09:00:00.000Z');
  });

  it('refuses a wrong passphrase clearly', () => {
    expect(() => readP12(cert.p12, 'not-the-passphrase')).toThrow('The certificate file could not be opened: the passphrase is wrong.');
  });

  it('refuses a file that is not a P12', () => {
    expect(() => readP12(Buffer.from('-----BEGIN CERTIFICATE-----'), 'x')).toThrow(/not a readable PKCS#12/);
  });

  it('refuses a P12 that holds only the certificate', () => {
    const onlyCert = forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(cert.certificatePem)], 'secret', { algorithm: '3des' });
    const p12 = Buffer.from(forge.asn1.toDer(onlyCert).getBytes(), 'binary');
    expect(() => readP12(p12, 'secret')).toThrow(/holds no private key/);
  });

  it('refuses a P12 whose certificate is not the key’s', () => {
    const other = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const asn1 = forge.pkcs12.toPkcs12Asn1(other.privateKey, [forge.pki.certificateFromPem(cert.certificatePem)], 'secret', { algorithm: 'aes256' });
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    expect(() => readP12(p12, 'secret')).toThrow(/no certificate for it/);
  });
});

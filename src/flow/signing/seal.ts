/**
 * Seals a completed document with the organisation's certificate: an invisible signature field
 * holding a PKCS#7 detached signature (adbe.pkcs7.detached, SHA-256) over every byte of the file
 * except the signature itself. Any later change to the file breaks it, and PDF readers say so.
 *
 * Deterministic given the same input: the placeholder and the CMS signing time both come from
 * `signingTime`, and RSA PKCS#1 v1.5 signatures have no randomness.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
// The named class, not the default instance: on plain Node ESM (the server bundle keeps packages
// external) a default import of this CommonJS module is its exports object, without `sign`.
import { SignPdf } from '@signpdf/signpdf';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { readP12 } from './org-certificate';

export interface SealOptions {
  p12: Buffer;
  passphrase: string;
  /** Shown by PDF readers as the reason of the signature, e.g. "Offer accepted and signed". */
  reason: string;
  contactInfo?: string;
  location?: string;
  signingTime: Date;
}

/** Bytes reserved for the PKCS#7 blob (hex-doubled in the file). One 2048-bit chain fits in ~2 kB;
 *  16 kB leaves room for an uploaded certificate with intermediates. */
const SIGNATURE_LENGTH = 16_384;

export async function sealPdf(pdf: Buffer, seal: SealOptions): Promise<Buffer> {
  if (Number.isNaN(seal.signingTime.getTime())) throw new Error('The seal needs a valid signing time.');
  const commonName = sealName(seal.p12, seal.passphrase);

  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // pdf-lib rewrites the whole file rather than appending to it, which would silently break a seal
  // already there: sealing is the last step, once.
  if (hasSignature(doc)) throw new Error('The document is already sealed; sealing it again would break the first seal.');
  doc.setModificationDate(seal.signingTime);
  const pages = doc.getPages();
  pdflibAddPlaceholder({
    // The (invisible) seal field sits on the last page, the certificate of completion.
    pdfPage: pages[pages.length - 1]!,
    reason: seal.reason,
    contactInfo: seal.contactInfo ?? '',
    name: commonName,
    location: seal.location ?? '',
    signingTime: seal.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    appName: 'Offerline',
  });
  // Without object streams the placeholder's /ByteRange and /Contents stay plain text in the file,
  // which is where @signpdf looks for them.
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  // A P12Signer keeps state from its one signature: a new one for every seal.
  const signer = new P12Signer(seal.p12, { passphrase: seal.passphrase });
  return new SignPdf().sign(withPlaceholder, signer, seal.signingTime);
}

/** The certificates' names by hash of P12 and passphrase: decrypting a P12 in forge costs ~30 ms,
 *  and P12Signer decrypts it again to sign, so a server sealing with one certificate checks it once. */
const checked = new Map<string, string>();

/** Opens the P12 before signing so a wrong passphrase reads as such, not as a signing failure. */
function sealName(p12: Buffer, passphrase: string): string {
  const key = createHash('sha256').update(p12).update('\0').update(passphrase, 'utf8').digest('hex');
  let name = checked.get(key);
  if (name === undefined) {
    name = readP12(p12, passphrase).commonName;
    if (checked.size >= 16) checked.clear();
    checked.set(key, name);
  }
  return name;
}

function hasSignature(doc: PDFDocument): boolean {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const flags = acroForm?.lookupMaybe(PDFName.of('SigFlags'), PDFNumber);
  return flags !== undefined && (flags.asNumber() & 1) === 1; // bit 1: SignaturesExist
}

export type SealStatus = 'valid' | 'tampered' | 'unsigned';

const run = promisify(execFile);

/**
 * What poppler's `pdfsig` says of the file's signatures: 'valid' when every signature's digest
 * matches and the last one covers the whole file, 'unsigned' when there is none, else 'tampered'.
 * Bytes appended after the seal (an incremental update adding or changing pages) leave the digest
 * intact but the coverage partial, so they count as tampering. Trust in the certificate is not
 * judged: a self-signed seal is "not trusted" yet still proves the bytes are unchanged.
 */
export async function verifySeal(pdf: Buffer): Promise<SealStatus> {
  const dir = mkdtempSync(join(tmpdir(), 'offerline-seal-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    let output: string;
    try {
      const { stdout, stderr } = await run('pdfsig', ['-nocert', file], { encoding: 'utf8' });
      output = `${stdout}\n${stderr}`;
    } catch (e) {
      // pdfsig exits non-zero for damaged files and, in some versions, for files without signatures.
      const err = e as { code?: unknown; stdout?: string; stderr?: string };
      if (err.code === 'ENOENT') throw new Error('pdfsig is not installed (Debian: apt-get install poppler-utils).');
      output = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
    }
    return readPdfsig(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads `pdfsig` output; exported so the parsing is tested without the tool. */
export function readPdfsig(output: string): SealStatus {
  if (/does not contain any signatures/i.test(output)) return 'unsigned';
  const signatures = output.split(/^Signature #\d+:/m).slice(1);
  if (signatures.length === 0) return 'tampered';
  const allValid = signatures.every((s) => /Signature Validation:\s*Signature is Valid/i.test(s));
  const lastCoversAll = /^\s*- Total document signed/m.test(signatures[signatures.length - 1]!);
  return allValid && lastCoversAll ? 'valid' : 'tampered';
}

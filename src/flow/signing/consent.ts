/**
 * Consent to electronic records and signatures (ESIGN Act §7001(c), UETA §5): what the candidate
 * reads and accepts before signing, and the shape of the "adopt and sign" submission.
 *
 * The text is versioned and never edited in place: a change is a new constant with a new version
 * id, because each signature records the SHA-256 of the exact text that was shown (`consentHash`)
 * and an old signature must still match the text it was given.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CONSENT_VERSION = 'esign-consent-2027-01';

/** Plain text with blank lines between paragraphs; the portal shows it as is. */
export const CONSENT_TEXT = `Consent to use electronic records and signatures

Before you sign, please read this. It explains how we will use electronic records and electronic signatures for your offer, and your rights.

What this covers
This consent covers this offer of employment and the documents sent with it: the offer letter, any addenda and notices, and the signed copy you will receive. It does not cover anything else.

Your signature
If you choose "Adopt and sign", the name you type or the signature you draw is your signature on these documents. It has the same effect as signing them on paper.

Your right to paper
You do not have to sign electronically. You may ask for a paper copy of any document, or to sign on paper instead, at no cost to you. To ask, reply to the e-mail that brought you here or contact the recruiter named in the offer. Asking for paper does not change your offer.

Withdrawing your consent
You may withdraw this consent at any time before you sign by telling the recruiter, by e-mail or in writing. We will then send the documents on paper and your offer stays open on the same terms until its expiry date. Withdrawing does not undo a signature you have already given: documents signed before you withdraw remain valid.

Getting a copy of what you signed
When everyone has signed, we e-mail you the completed documents as a PDF. You can also ask the recruiter for another copy at any time, electronically or on paper.

What you need
A phone, tablet or computer with a current web browser, an e-mail address you can read, and a program that opens PDF files (most browsers and phones can). You can save or print the PDF. If your e-mail address changes before you sign, tell the recruiter.

By continuing, you confirm that you can open and read this notice and PDF documents, and you agree to use electronic records and signatures for this offer.`;

/** SHA-256 (lower-case hex) of the text exactly as shown, UTF-8. No normalisation: a changed
 *  character must change the hash. */
export function consentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const SIGNATURE_METHODS = ['typed', 'drawn'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const MAX_TYPED_NAME = 120;
/** Decoded PNG bytes; a drawn signature on a phone canvas is typically 5-30 kB. */
export const MAX_DRAWN_PNG_BYTES = 200 * 1024;

const PNG_PREFIX = 'data:image/png;base64,';
// base64 of MAX_DRAWN_PNG_BYTES, so an oversized body is refused before decoding it.
const MAX_DATA_URL_LENGTH = PNG_PREFIX.length + Math.ceil(MAX_DRAWN_PNG_BYTES / 3) * 4;

/** The PNG bytes of a drawn signature's data URL, or null when it is not a PNG data URL. */
export function decodeDrawnSignature(dataUrl: string): Buffer | null {
  if (!dataUrl.startsWith(PNG_PREFIX)) return null;
  const b64 = dataUrl.slice(PNG_PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
  const bytes = Buffer.from(b64, 'base64');
  const isPng = bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a;
  return isPng ? bytes : null;
}

const typedSignature = z.object({
  kind: z.literal('typed'),
  name: z
    .string()
    .trim()
    .min(1, 'Type your full name to sign.')
    .max(MAX_TYPED_NAME, `Your name can be at most ${MAX_TYPED_NAME} characters.`)
    // Control characters would draw as nothing and make a signature that reads differently.
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'The name contains characters that cannot be shown.'),
});

const drawnSignature = z.object({
  kind: z.literal('drawn'),
  image: z
    .string()
    .max(MAX_DATA_URL_LENGTH, 'The drawn signature is too large (at most 200 kB).')
    .refine((s) => decodeDrawnSignature(s) !== null, 'The drawn signature must be a PNG image.')
    .refine((s) => (decodeDrawnSignature(s)?.length ?? 0) <= MAX_DRAWN_PNG_BYTES, 'The drawn signature is too large (at most 200 kB).'),
});

/** What the portal posts on "Adopt and sign". `adopt: true` is the candidate's explicit act:
 *  a missing or false value is refused rather than defaulted. */
export const signatureSubmissionSchema = z.object({
  adopt: z.literal(true, { error: 'Confirm that you adopt this signature.' }),
  signature: z.discriminatedUnion('kind', [typedSignature, drawnSignature]),
});

export type SignatureSubmission = z.infer<typeof signatureSubmissionSchema>;

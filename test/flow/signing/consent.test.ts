import { describe, expect, it } from 'vitest';
import { makePng } from '../documents/pdf-fixtures';
import {
  CONSENT_TEXT,
  CONSENT_VERSION,
  MAX_TYPED_NAME,
  SIGNATURE_METHODS,
  consentHash,
  decodeDrawnSignature,
  signatureSubmissionSchema,
} from '../../../src/flow/signing/consent';

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

describe('consent to electronic records', () => {
  it('has a short version id', () => {
    expect(CONSENT_VERSION).toMatch(/^esign-consent-\d{4}-\d{2}$/);
  });

  it('says what ESIGN requires, in plain words', () => {
    for (const phrase of ['paper copy', 'withdraw', 'this offer', 'copy of what you signed', 'opens PDF files']) {
      expect(CONSENT_TEXT).toContain(phrase);
    }
  });

  it('hashes the text as shown, stably', () => {
    expect(consentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(consentHash(CONSENT_TEXT)).toBe(consentHash(CONSENT_TEXT));
    expect(consentHash(`${CONSENT_TEXT} `)).not.toBe(consentHash(CONSENT_TEXT));
  });

  it('pins the hash of this version: changing the text needs a new version', () => {
    // Signatures already given record this hash. Edit the text only as a new CONSENT_VERSION.
    expect({ version: CONSENT_VERSION, hash: consentHash(CONSENT_TEXT) }).toEqual({ version: 'esign-consent-2027-01', hash: PINNED });
  });
});

const PINNED = 'c4891ed011f9490539a1ea973d388a4cce8027f8d31209a6f5841498a7ffe661';

describe('signature submission', () => {
  it('knows the two methods', () => {
    expect(SIGNATURE_METHODS).toEqual(['typed', 'drawn']);
  });

  it('accepts a typed name and trims it', () => {
    const r = signatureSubmissionSchema.parse({ adopt: true, signature: { kind: 'typed', name: '  Lena Park ' } });
    expect(r.signature).toEqual({ kind: 'typed', name: 'Lena Park' });
  });

  it('refuses an empty, a too long or a control-character name', () => {
    for (const name of ['   ', 'x'.repeat(MAX_TYPED_NAME + 1), 'Lena\u0000Park']) {
      expect(signatureSubmissionSchema.safeParse({ adopt: true, signature: { kind: 'typed', name } }).success).toBe(false);
    }
    expect(signatureSubmissionSchema.safeParse({ adopt: true, signature: { kind: 'typed', name: 'x'.repeat(MAX_TYPED_NAME) } }).success).toBe(true);
  });

  it('requires an explicit adopt: true', () => {
    const signature = { kind: 'typed', name: 'Lena Park' };
    for (const body of [{ signature }, { adopt: false, signature }, { adopt: 'true', signature }]) {
      const r = signatureSubmissionSchema.safeParse(body);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['adopt']);
    }
  });

  it('accepts a drawn PNG data URL and decodes it', () => {
    const png = makePng(300, 80);
    const r = signatureSubmissionSchema.parse({ adopt: true, signature: { kind: 'drawn', image: dataUrl(png) } });
    expect(r.signature.kind).toBe('drawn');
    expect(decodeDrawnSignature(dataUrl(png))?.equals(png)).toBe(true);
  });

  it('refuses a drawn signature that is not a PNG data URL', () => {
    for (const image of ['data:image/jpeg;base64,/9j/4AAQ', `data:image/png;base64,${Buffer.from('not a png at all, really not').toString('base64')}`, 'data:image/png;base64,@@@']) {
      expect(signatureSubmissionSchema.safeParse({ adopt: true, signature: { kind: 'drawn', image } }).success).toBe(false);
    }
  });

  it('refuses a drawn signature over 200 kB', () => {
    // A PNG signature and header followed by 210 kB: the size check comes before any image decoding.
    const big = Buffer.concat([makePng(2, 2).subarray(0, 33), Buffer.alloc(210 * 1024, 7)]);
    const r = signatureSubmissionSchema.safeParse({ adopt: true, signature: { kind: 'drawn', image: dataUrl(big) } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/too large/);
  });

  it('refuses an unknown method', () => {
    expect(signatureSubmissionSchema.safeParse({ adopt: true, signature: { kind: 'stamp', name: 'x' } }).success).toBe(false);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { DocumentFrame } from '../../../src/flow/documents/document-model';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG of `width` x `height`: a teal-to-blue band, so a rendered page shows where it sits. */
export function makePng(width: number, height: number): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 3;
      raw[o] = 20;
      raw[o + 1] = 90 + Math.round((x / width) * 90);
      raw[o + 2] = 150;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function sampleFrame(overrides: Partial<DocumentFrame> = {}): DocumentFrame {
  return {
    title: 'Offer letter',
    letterhead: {
      organizationName: 'Northwind Staffing, Inc.',
      addressLines: ['500 Market Street, Suite 1200', 'San Francisco, CA 94105'],
    },
    signatures: { candidateName: 'Lena Park', signatoryName: 'Maria Gonzalez', signatoryTitle: 'VP, People Operations' },
    createdAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

/** Runs poppler and qpdf on PDFs written to one temp folder. */
export class PdfTools {
  readonly dir = mkdtempSync(join(tmpdir(), 'offerline-pdf-'));
  private n = 0;

  write(pdf: Buffer): string {
    const file = join(this.dir, `doc-${++this.n}.pdf`);
    writeFileSync(file, pdf);
    return file;
  }

  /** `pdftotext -layout`, optionally for one page (from 1). */
  text(file: string, page?: number): string {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
  }

  pages(file: string): number {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  }

  info(file: string): string {
    return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  }

  /** qpdf --check: exits non-zero (and execFileSync throws) on a damaged file. */
  check(file: string): string {
    return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
  }

  /** Words with their boxes (top-left origin, points) from `pdftotext -bbox`, per page. */
  words(file: string): { page: number; word: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const out: { page: number; word: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
    let page = -1;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
      if (m) out.push({ page, word: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
    }
    return out;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

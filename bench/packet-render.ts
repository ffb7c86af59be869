/**
 * `npm run bench:packet`: how long laying out an offer packet as PDF takes, against the same
 * content drawn directly with bare pdfkit calls in the same run. Goal: within 1.5x of the bare
 * library, judged on the median packet.
 *
 * The packet: a two-page offer letter and two one-page addenda (at-will employment,
 * confidentiality), each with the letterhead and logo, page numbers and both signature blocks.
 * Three PDFs per packet, rendered one after another.
 *
 * Three variants, interleaved in rotating order in every round so load drift hits each alike:
 *   - layout:  renderPdf(blocks, frame) on blocks parsed once (the PDF stage alone);
 *   - packet:  Liquid template → markup → blocks → PDF (renderTemplate, parseMarkup, renderPdf),
 *              what generating a packet costs minus the database;
 *   - bare:    the same text, fonts, sizes, logo, footers and signature lines drawn with pdfkit
 *              calls written out by hand (no document model, no measuring, no keep-together).
 * Before timing, the text of one layout PDF and one bare PDF is compared with pdftotext (when
 * poppler is installed), so the two really draw the same words.
 *
 * Knobs (environment): PACKET_BENCH_ROUNDS (300 measured packets per variant),
 * PACKET_BENCH_WARMUP (40 unmeasured packets per variant first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { parseMarkup, type DocBlock, type DocumentFrame } from '../src/flow/documents/document-model';
import { renderPdf } from '../src/flow/documents/pdf-layout';
import { renderTemplate } from '../src/flow/documents/template-render';

const ROUNDS = Number(process.env.PACKET_BENCH_ROUNDS ?? 300);
const WARMUP = Number(process.env.PACKET_BENCH_WARMUP ?? 40);

// ---------------------------------------------------------------------------------------------
// The content: Liquid templates as an organisation would write them, and one offer's values.

const letterTemplate = `# Offer of employment

{{ computed.today }}

Dear **{{ candidate.fullName }}**,

On behalf of {{ organization.name }}, we are delighted to offer you the position of **{{ offer.title }}** ({{ offer.level }}) in the {{ offer.department }} department, reporting to {{ offer.managerName }}. This is a {{ offer.employmentType }}, {{ offer.flsaStatus }} position based in {{ offer.city }}, {{ offer.stateName }}. This letter sets out the terms of our offer; please read it carefully and let us know if you have any questions.

## Compensation

- Base salary: **{{ offer.baseSalary }}** per year, paid {{ computed.payPeriod }} ({{ computed.payPeriodAmount }} per pay period), less applicable withholdings and deductions
- Annual bonus: a target of **{{ offer.bonusTargetPercent }}%** of your base salary, based on company and individual performance; the bonus plan governs eligibility and payment
- Sign-on bonus: **{{ offer.signOnBonus }}**, payable with your first regular paycheck. If you resign or are terminated for cause within twelve months of your start date, you agree to repay it in full
{% if offer.hasEquity %}- Equity: subject to approval by the Board of Directors, **{{ offer.equityUnits }} {{ offer.equityKind }}**, vesting over {{ offer.vestingSchedule }}, under the terms of the company's equity incentive plan and your award agreement
{% endif %}
Your first-year cash compensation, including the target bonus and the sign-on bonus, is expected to be **{{ computed.firstYearCash }}**.

## Benefits

You will be eligible to take part in the benefit plans the company offers to its {{ offer.employmentType }} employees, subject to the terms of each plan. Today these include medical, dental and vision insurance, a 401(k) plan with a company match, life and disability insurance, paid time off and paid holidays. The company may change its benefit plans from time to time.

## Start date

Your first day of employment will be **{{ offer.startDate }}**. On your first day, please bring documents that establish your identity and your authorization to work in the United States, as required by federal law (Form I-9).

## Contingencies

This offer is contingent on {% for c in offer.contingencies %}{% if forloop.last and forloop.length > 1 %}and {% endif %}{{ c }}{% unless forloop.last %}, {% endunless %}{% endfor %}, completed to the company's satisfaction. The company will conduct any background check in compliance with the Fair Credit Reporting Act and applicable state and local law.

## Entire agreement

This letter and its addenda are the complete agreement between you and the company about the terms of your employment, and they replace any earlier promises or representations, written or oral. This offer expires on **{{ offer.expiresOn }}**. To accept it, sign and date this letter and the enclosed addenda and return them to {{ signatory.name }}.

We are excited about the prospect of you joining {{ organization.name }} and look forward to working with you.

Sincerely,

{{ signatory.name }}, {{ signatory.title }}`;

const atWillTemplate = `# At-will employment

This addendum is part of the offer letter to **{{ candidate.fullName }}** for the position of {{ offer.title }}, dated {{ computed.today }}.

Your employment with {{ organization.name }} is at will. This means that either you or the company may end the employment relationship at any time, with or without cause and with or without notice.

Nothing in the offer letter, in any company policy, or in any statement by a company representative changes the at-will nature of your employment. Only a written agreement signed by you and an authorized officer of the company can change it.

## Acknowledgement

By signing below, I acknowledge that I have read and understand this addendum to my offer letter dated {{ computed.today }}.`;

const confidentialityTemplate = `# Confidentiality

This addendum is part of the offer letter to **{{ candidate.fullName }}** for the position of {{ offer.title }}, dated {{ computed.today }}.

During and after your employment, you agree to keep confidential all non-public information of the company, its customers and its partners that you learn through your work, and to use it only to do your job.

As a condition of employment you will sign the company's Confidential Information and Invention Assignment Agreement on or before your first day. Nothing in this addendum or that agreement prevents you from:

- reporting possible violations of law to a government agency
- discussing your wages or working conditions
- making other disclosures protected by law

## Acknowledgement

By signing below, I acknowledge that I have read and understand this addendum to my offer letter dated {{ computed.today }}.`;

const context = {
  candidate: { fullName: 'Lena Park' },
  organization: { name: 'Northwind Staffing, Inc.' },
  signatory: { name: 'Maria Gonzalez', title: 'VP, People Operations' },
  offer: {
    title: 'Senior Data Engineer',
    level: 'L5',
    department: 'Platform Engineering',
    managerName: 'Dana Whitfield',
    employmentType: 'full-time',
    flsaStatus: 'exempt',
    city: 'San Francisco',
    stateName: 'California',
    baseSalary: '$184,000.00',
    bonusTargetPercent: '15',
    signOnBonus: '$15,000.00',
    hasEquity: true,
    equityUnits: '4,000',
    equityKind: 'restricted stock units',
    vestingSchedule: 'four years, with a one-year cliff and monthly vesting thereafter',
    startDate: 'January 12, 2027',
    expiresOn: 'December 4, 2026',
    contingencies: ['a background check', 'reference checks', 'verification of work authorization'],
  },
  computed: {
    today: 'November 25, 2026',
    payPeriod: 'semi-monthly',
    payPeriodAmount: '$7,666.67',
    firstYearCash: '$226,600.00',
  },
};

const documents = [
  { title: 'Offer letter', template: letterTemplate },
  { title: 'At-will employment addendum', template: atWillTemplate },
  { title: 'Confidentiality addendum', template: confidentialityTemplate },
];

/** A 480 x 120 RGB logo, drawn into a 160 x 40 box. */
function logoPng(): Buffer {
  const [w, h] = [480, 120];
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) raw.set([20, 90 + Math.round((x / w) * 90), 150], y * (w * 3 + 1) + 1 + x * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const logo = logoPng();
const frameOf = (title: string): DocumentFrame => ({
  title,
  letterhead: { organizationName: 'Northwind Staffing, Inc.', addressLines: ['500 Market Street, Suite 1200', 'San Francisco, CA 94105'], logoPng: logo },
  signatures: { candidateName: 'Lena Park', signatoryName: 'Maria Gonzalez', signatoryTitle: 'VP, People Operations' },
  createdAt: new Date('2026-11-25T09:00:00Z'),
});
const frames = documents.map((d) => frameOf(d.title));

// ---------------------------------------------------------------------------------------------
// The three variants.

async function packetLayout(blocks: DocBlock[][]): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < blocks.length; i++) bytes += (await renderPdf(blocks[i]!, frames[i]!)).length;
  return bytes;
}

async function packetFromTemplates(): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < documents.length; i++) {
    const markup = await renderTemplate(documents[i]!.template, context);
    bytes += (await renderPdf(parseMarkup(markup), frames[i]!)).length;
  }
  return bytes;
}

async function packetBare(blocks: DocBlock[][]): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < blocks.length; i++) bytes += (await bareDocument(blocks[i]!, frames[i]!)).length;
  return bytes;
}

/**
 * The same page drawn by hand with pdfkit: same fonts, sizes, colours, positions and metadata.
 * It walks the same content, but does none of the layout's work: no keep-with-next for headings,
 * no keeping the signature blocks together, no character mapping, no truncation.
 */
function bareDocument(blocks: DocBlock[], frame: DocumentFrame): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [612, 792],
    margins: { top: 60, bottom: 72, left: 72, right: 72 },
    bufferPages: true,
    font: 'Helvetica',
    info: { Title: frame.title, Author: frame.letterhead.organizationName, Creator: 'Offerline', Producer: 'Offerline (PDFKit)', CreationDate: frame.createdAt, ModDate: frame.createdAt },
  });
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  // Letterhead.
  doc.image(frame.letterhead.logoPng!, 72, 60, { width: 160, height: 40 });
  doc.font('Helvetica-Bold').fontSize(12.5).fillColor('#1a1a1a').text(frame.letterhead.organizationName, 244, 60, { width: 296, align: 'right', lineGap: 1 });
  doc.font('Helvetica').fontSize(8.5).fillColor('#5f6368');
  doc.y += 2;
  for (const line of frame.letterhead.addressLines) doc.text(line, 244, doc.y, { width: 296, align: 'right', lineGap: 1 });
  const ruleY = Math.max(100, doc.y) + 10;
  doc.moveTo(72, ruleY).lineTo(540, ruleY).lineWidth(0.75).strokeColor('#b8bcc2').stroke();
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#1a1a1a').text(frame.title, 72, ruleY + 18, { width: 468, lineGap: 1 });
  doc.y += 4;
  // Body.
  let space = 0;
  for (const b of blocks) {
    if (b.type === 'page_break') {
      doc.addPage();
      space = 0;
    } else if (b.type === 'heading') {
      doc.y += Math.max(space, b.level === 1 ? 14 : 10);
      doc.font('Helvetica-Bold').fontSize(b.level === 1 ? 14 : 11.5).fillColor('#1a1a1a');
      doc.text(b.text.map((t) => t.text).join(''), 72, doc.y, { width: 468, lineGap: 1 });
      space = b.level === 1 ? 6 : 4;
    } else {
      const items = b.type === 'list' ? b.items : [b.text];
      items.forEach((item, n) => {
        doc.y += n === 0 ? space : 3;
        const x = b.type === 'list' ? 88 : 72;
        doc.fontSize(10.5).fillColor('#1a1a1a');
        if (b.type === 'list') doc.font('Helvetica').text('\u2022', 76, doc.y, { lineBreak: false });
        item.forEach((run, r) => {
          doc.font(run.bold ? 'Helvetica-Bold' : 'Helvetica');
          if (r === 0) doc.text(run.text, x, doc.y, { width: 540 - x, lineGap: 3, continued: r < item.length - 1 });
          else doc.text(run.text, { continued: r < item.length - 1 });
        });
      });
      space = 8;
    }
  }
  // Signature blocks.
  const s = frame.signatures!;
  const top = doc.y + 30;
  for (const [x, label, name, role] of [
    [72, 'Accepted by', s.candidateName, 'Candidate'],
    [324, `For ${frame.letterhead.organizationName}`, s.signatoryName, s.signatoryTitle],
  ] as const) {
    doc.font('Helvetica').fontSize(8.5).fillColor('#5f6368').text(label, x, top, { lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#1a1a1a').text(name, x, top + 14, { lineBreak: false });
    doc.font('Helvetica').fontSize(9.5).text(role, x, top + 30, { lineBreak: false });
    doc.moveTo(x, top + 84).lineTo(x + 216, top + 84).lineWidth(0.75).strokeColor('#1a1a1a').stroke();
    doc.fontSize(8).fillColor('#5f6368').text('Signature', x, top + 87, { lineBreak: false });
    doc.moveTo(x, top + 122).lineTo(x + 129.6, top + 122).stroke();
    doc.text('Date', x, top + 125, { lineBreak: false });
  }
  // Footers.
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8.5).fillColor('#5f6368');
    const label = `Page ${i + 1} of ${count}`;
    doc.text(label, 540 - doc.widthOfString(label), 746, { lineBreak: false });
    doc.text(frame.title, 72, 746, { lineBreak: false });
    doc.page.margins.bottom = 72;
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------

interface Stats {
  median: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, min: s[0]!, max: s[s.length - 1]! };
}

/** The words pdftotext finds, or null without poppler. */
function wordsOf(pdf: Buffer, dir: string, name: string): string[] | null {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
  } catch {
    return null;
  }
}

function pagesOf(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

async function main(): Promise<void> {
  const markups = await Promise.all(documents.map((d) => renderTemplate(d.template, context)));
  const blocks = markups.map(parseMarkup);

  // The same words in both, and the same pages.
  const dir = mkdtempSync(join(tmpdir(), 'offerline-packet-bench-'));
  const pageCounts: string[] = [];
  try {
    for (let i = 0; i < documents.length; i++) {
      const ours = await renderPdf(blocks[i]!, frames[i]!);
      const bare = await bareDocument(blocks[i]!, frames[i]!);
      pageCounts.push(`${documents[i]!.title}: ${pagesOf(ours)} (bare ${pagesOf(bare)})`);
      const a = wordsOf(ours, dir, `ours-${i}`);
      const b = wordsOf(bare, dir, `bare-${i}`);
      // Compared as sorted words: where a page breaks may differ (the layout keeps a heading with its text).
      if (a && b && [...a].sort().join(' ') !== [...b].sort().join(' ')) throw new Error(`${documents[i]!.title}: the bare PDF does not draw the same words as the layout`);
      if (i === 0 && !a) console.log('(pdftotext not found: the same-words check is skipped)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const variants = {
    layout: () => packetLayout(blocks),
    packet: () => packetFromTemplates(),
    bare: () => packetBare(blocks),
  } as const;
  type Name = keyof typeof variants;
  const names = Object.keys(variants) as Name[];
  const times: Record<Name, number[]> = { layout: [], packet: [], bare: [] };
  const bytes: Record<Name, number> = { layout: 0, packet: 0, bare: 0 };

  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const t0 = performance.now();
      bytes[name] = await variants[name]();
      const ms = performance.now() - t0;
      if (round >= WARMUP) times[name].push(ms);
    }
  }

  const st = { layout: stats(times.layout), packet: stats(times.packet), bare: stats(times.bare) };
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`Packet rendering: 3 PDFs per packet (letter + 2 addenda), ${WARMUP} warm-up + ${ROUNDS} measured packets per variant, interleaved`);
  console.log(`machine: ${cpus()[0]?.model.trim()} x${cpus().length}, node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`);
  console.log(`pages: ${pageCounts.join('; ')}`);
  for (const name of names) {
    const s = st[name];
    console.log(
      `  ${name.padEnd(7)} median ${f(s.median)}, p99 ${f(s.p99)}, mean ${f(s.mean)} (min ${f(s.min)}, max ${f(s.max)}), ${(bytes[name] / 1024).toFixed(1)} KiB per packet`,
    );
  }
  const ratio = st.layout.median / st.bare.median;
  console.log(`  layout / bare: median ${ratio.toFixed(2)}x, p99 ${(st.layout.p99 / st.bare.p99).toFixed(2)}x`);
  console.log(`  packet (with Liquid) / bare: median ${(st.packet.median / st.bare.median).toFixed(2)}x, p99 ${(st.packet.p99 / st.bare.p99).toFixed(2)}x`);
  console.log(`  goal: layout within 1.5x of bare pdfkit (median ${ratio.toFixed(2)}x): ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
}

await main();

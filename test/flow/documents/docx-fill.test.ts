import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors';
import { fillDocx, inspectDocx } from '../../../src/flow/documents/docx-fill';
import { docxText, makeDocx } from './docx-fixture';

const known = new Set([
  'offer.title',
  'offer.baseSalary',
  'offer.startDate',
  'offer.hasEquity',
  'offer.equityUnits',
  'offer.contingencies',
  'candidate.fullName',
  'organization.name',
  'signatory.name',
]);

const context = {
  offer: {
    title: 'Senior Data Engineer',
    baseSalary: '$184,000.00',
    startDate: 'January 12, 2027',
    hasEquity: true,
    equityUnits: 4000,
    contingencies: ['a background check', 'reference checks'],
  },
  candidate: { fullName: 'Lena Park & Co <test>' },
  organization: { name: 'Northwind Staffing, Inc.' },
  signatory: { name: 'Maria Gonzalez' },
};

const letter = makeDocx([
  'Dear {candidate.fullName},',
  // Word often splits one tag over several runs.
  ['We offer you the role of {offer.', 'title} at {organ', 'ization.name}, starting {offer.startDate}.'],
  'Your base salary is {offer.baseSalary} per year.',
  '{#offer.hasEquity}',
  'You will receive {offer.equityUnits} restricted stock units.',
  '{/offer.hasEquity}',
  '{^offer.hasEquity}',
  'This offer carries no equity.',
  '{/offer.hasEquity}',
  'The offer depends on: {offer.contingencies}.',
  '{#offer.contingencies}',
  'Contingency: {.}',
  '{/offer.contingencies}',
  'For the company, {signatory.name}',
]);

describe('inspectDocx', () => {
  it('lists the fields of a valid template', () => {
    expect(inspectDocx(letter, known)).toEqual({
      ok: true,
      fields: [
        'candidate.fullName',
        'offer.baseSalary',
        'offer.contingencies',
        'offer.equityUnits',
        'offer.hasEquity',
        'offer.startDate',
        'offer.title',
        'organization.name',
        'signatory.name',
      ],
    });
  });

  it('refuses unknown placeholders, naming each', () => {
    const file = makeDocx(['Dear {candidate.fullname},', 'Salary {offer.salary} from {offer.baseSalary}', '{#offer.perks}x{/offer.perks}']);
    const result = inspectDocx(file, known);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['candidate.fullname', 'offer.salary', 'offer.perks']);
    expect(result.problems[0]!.message).toContain('Unknown field "candidate.fullname"');
  });

  it('refuses a tag that is never closed', () => {
    const result = inspectDocx(makeDocx(['Dear {candidate.fullName,', 'bye']), known);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.map((p) => p.message).join(' ')).toMatch(/not closed|opens "\{" twice/);
  });

  it('refuses a closing brace with no opening one', () => {
    const result = inspectDocx(makeDocx(['Dear candidate.fullName}, hello']), known);
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'candidate.fullName', message: expect.stringContaining('never opened') }] });
  });

  it('refuses a section that is never closed', () => {
    const result = inspectDocx(makeDocx(['{#offer.hasEquity}', 'Equity']), known);
    expect(result.ok).toBe(false);
  });

  it('refuses raw XML tags and a stray {.}', () => {
    const result = inspectDocx(makeDocx(['{@offer.title}', 'Item {.}']), known);
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['offer.title', '.']);
  });

  it('refuses a file that is not a .docx', () => {
    const text = inspectDocx(Buffer.from('Dear {candidate.fullName}'), known);
    expect(text).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('not a Word document') }] });

    const zip = new PizZip();
    zip.file('hello.txt', 'hi');
    const otherZip = inspectDocx(zip.generate({ type: 'nodebuffer' }), known);
    expect(otherZip).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('not a Word document') }] });
  });
});

describe('fillDocx', () => {
  it('fills every placeholder and leaves no tag behind', () => {
    const filled = fillDocx(letter, context);
    const text = docxText(filled);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('Dear Lena Park & Co <test>,');
    expect(text).toContain('We offer you the role of Senior Data Engineer at Northwind Staffing, Inc., starting January 12, 2027.');
    expect(text).toContain('Your base salary is $184,000.00 per year.');
    expect(text).toContain('You will receive 4000 restricted stock units.');
    expect(text).not.toContain('no equity');
    expect(text).toContain('The offer depends on: a background check, reference checks.');
    expect(text).toContain('Contingency: a background check\nContingency: reference checks');
    expect(text).toContain('For the company, Maria Gonzalez');
    // The XML stays well-formed: the ampersand and angle brackets are escaped.
    expect(new PizZip(filled).file('word/document.xml')!.asText()).toContain('Lena Park &amp; Co &lt;test&gt;');
  });

  it('takes the other branch of a section and empties missing fields', () => {
    const text = docxText(fillDocx(letter, { ...context, offer: { ...context.offer, hasEquity: false, contingencies: [] }, signatory: {} }));
    expect(text).toContain('This offer carries no equity.');
    expect(text).not.toContain('restricted stock units');
    expect(text).not.toContain('Contingency:');
    expect(text).toContain('For the company, ');
    expect(text).not.toMatch(/[{}]/);
  });

  it('reads own properties only, never prototypes', () => {
    const text = docxText(fillDocx(makeDocx(['[{offer.constructor}] [{offer.title.length}] [{__proto__.toString}]']), context));
    expect(text).toBe('[] [] []');
  });

  it('refuses a broken template or a non-docx with a ValidationError', () => {
    expect(() => fillDocx(makeDocx(['{offer.title']), context)).toThrow(ValidationError);
    expect(() => fillDocx(Buffer.from('plain text'), context)).toThrow(/not a Word document/);
  });
});

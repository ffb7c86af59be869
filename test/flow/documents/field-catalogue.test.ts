import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMergeContext, catalogueByPath, fieldCatalogue, formatDateLong, type FieldType } from '../../../src/flow/documents/field-catalogue';
import { validateTemplate } from '../../../src/flow/documents/template-validate';
import { context, contractorTerms, fullTerms, hourlyTerms, mergeInput } from './template-fixtures';

/** Every leaf path of a nested object (arrays are leaves). */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

const read = (ctx: Record<string, unknown>, path: string) =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], ctx);

const fitsType = (type: FieldType, v: unknown) => {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'number':
    case 'percent':
      return typeof v === 'number' || v === '';
    case 'money':
      return v === '' || (typeof v === 'string' && /^\$\d{1,3}(,\d{3})*\.\d{2}$/.test(v));
    case 'date':
      return v === '' || (typeof v === 'string' && /^([A-Z][a-z]+ \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})$/.test(v));
    case 'text':
      return typeof v === 'string';
  }
};

describe('the merge context', () => {
  it.each([
    ['salaried with everything', context(fullTerms)],
    ['hourly with nothing optional', context(hourlyTerms, { requisition: null, managerName: null, organization: { name: 'Northwind' } })],
    ['contractor', context(contractorTerms)],
  ])('%s: holds every catalogue path and nothing else, each of its type', (_name, ctx) => {
    expect(leafPaths(ctx).sort()).toEqual(fieldCatalogue.map((f) => f.path).sort());
    for (const field of fieldCatalogue) {
      const v = read(ctx, field.path);
      expect(fitsType(field.type, v), `${field.path} = ${JSON.stringify(v)} is not ${field.type}`).toBe(true);
    }
  });

  it('has no inherited or non-plain values a template could walk through', () => {
    const ctx = context();
    for (const group of Object.values(ctx)) expect(Object.getPrototypeOf(group)).toBe(Object.prototype);
  });

  it('formats values for a letter and leaves absent ones empty', () => {
    const full = context(fullTerms) as Record<string, Record<string, unknown>>;
    expect(full.offer).toMatchObject({
      baseSalary: '$185,000.00',
      baseSalaryCents: 185_000_00,
      hourlyRate: '',
      employmentType: 'full-time',
      flsaStatus: 'exempt',
      stateName: 'California',
      startDate: 'April 5, 2027',
      startDateIso: '2027-04-05',
      expiresOn: 'March 1, 2027',
      equityKind: 'restricted stock units',
      contingencies: ['a background check', 'reference checks'],
      payRate: '$55.00',
      billRate: '$82.50',
      assignmentEndDate: 'December 31, 2027',
      version: 2,
    });
    expect(full.computed).toEqual({
      annualBase: '$185,000.00',
      firstYearCash: '$232,750.00',
      payPeriod: 'semi-monthly',
      payPeriodAmount: '$7,708.33',
      today: 'November 25, 2026',
    });
    const hourly = context(hourlyTerms, { requisition: null, managerName: null }) as Record<string, Record<string, unknown>>;
    expect(hourly.offer).toMatchObject({
      baseSalary: '',
      baseSalaryCents: '',
      hourlyRate: '$24.75',
      flsaStatus: 'non-exempt',
      isExempt: false,
      hasEquity: false,
      equityUnits: '',
      bonusTargetPercent: '',
      signOnBonus: '',
      expiresOn: '',
      managerName: '',
      contingencies: [],
      clientName: '',
    });
    expect(hourly.requisition).toEqual({ code: '', title: '' });
    expect(hourly.computed).toMatchObject({ annualBase: '$51,480.00', payPeriodAmount: '$2,145.00' });
  });

  it('every catalogue path is a field a template may use', () => {
    const source = fieldCatalogue.map((f) => `{{ ${f.path} }}`).join('\n');
    expect(validateTemplate(source)).toEqual({ ok: true, fields: fieldCatalogue.map((f) => f.path).sort() });
  });

  it('catalogue entries are complete and unique', () => {
    expect(catalogueByPath.size).toBe(fieldCatalogue.length);
    for (const f of fieldCatalogue) {
      expect(f.path).toMatch(/^(offer|candidate|requisition|organization|signatory|computed)\.[a-z][A-Za-z]*$/);
      expect(f.label.length).toBeGreaterThan(0);
      expect(f.description.length).toBeGreaterThan(0);
      expect(f.example.length).toBeGreaterThan(0);
    }
  });

  it('formats any real date as month, day and year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const expected = d.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' });
        expect(formatDateLong(iso)).toBe(expected);
      }),
    );
  });

  it('names the candidate by first and last name', () => {
    expect((buildMergeContext(mergeInput()) as { candidate: { fullName: string } }).candidate.fullName).toBe('Lena Park');
  });
});

describe('docs/templates.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/templates.md', import.meta.url)), 'utf8');

  it('documents every field of the catalogue', () => {
    const missing = fieldCatalogue.filter((f) => !doc.includes(`\`${f.path}\``)).map((f) => f.path);
    expect(missing).toEqual([]);
  });

  it('documents custom fields as custom.<key>, formatted by type', () => {
    expect(doc).toContain('### Custom fields (`custom.*`)');
    for (const type of ['single select', 'multi select', 'money', 'date', 'boolean']) expect(doc).toMatch(new RegExp(`^\\| [^|]*${type}`, 'm'));
  });

  it('documents no field the catalogue lacks', () => {
    const documented = [...doc.matchAll(/^\| `((?:offer|candidate|requisition|organization|signatory|computed)\.[A-Za-z]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((p) => !catalogueByPath.has(p!))).toEqual([]);
  });
});

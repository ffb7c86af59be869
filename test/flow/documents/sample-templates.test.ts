import { describe, expect, it } from 'vitest';
import { blocksToText, parseMarkup } from '../../../src/flow/documents/document-model';
import { sampleTemplates, standardClauses } from '../../../src/flow/documents/sample-templates';
import { renderTemplate } from '../../../src/flow/documents/template-render';
import { validateTemplate } from '../../../src/flow/documents/template-validate';
import { context, contractorTerms, fullTerms, hourlyTerms } from './template-fixtures';

const text = async (key: string, ctx: Record<string, unknown>) => {
  const t = sampleTemplates.find((s) => s.key === key)!;
  return blocksToText(parseMarkup(await renderTemplate(t.source, ctx)));
};

describe('sample templates', () => {
  it.each(sampleTemplates.map((t) => [t.key, t.source] as const))('%s validates and renders for every kind of offer', async (_key, source) => {
    expect(validateTemplate(source)).toMatchObject({ ok: true });
    for (const terms of [fullTerms, hourlyTerms, contractorTerms]) {
      const markup = await renderTemplate(source, context(terms));
      const blocks = parseMarkup(markup);
      expect(blocks[0]).toMatchObject({ type: 'heading', level: 1 });
      expect(markup).not.toMatch(/\{\{|\{%|undefined|\[object/);
    }
  });

  it('the exempt letter carries pay, bonus, sign-on, relocation and equity when the offer has them', async () => {
    const out = await text('offer_letter_exempt', context(fullTerms));
    for (const s of [
      'Dear Lena,',
      'Senior Software Engineer (L5)',
      'reporting to Dana Whitfield',
      'full-time, exempt position based in San Francisco, California',
      'April 5, 2027',
      '$185,000.00, paid semi-monthly at $7,708.33 per pay period',
      'target of 15% of your base salary',
      'sign-on bonus of $20,000.00',
      'relocation allowance of up to $10,000.00',
      '4000 restricted stock units',
      '4 years, 1-year cliff, monthly thereafter',
      '$232,750.00',
      'contingent on a background check and reference checks',
      'March 1, 2027',
      'Morgan Reyes, VP, People',
    ])
      expect(out).toContain(s);
  });

  it('the exempt letter leaves out the paragraphs an offer does not need', async () => {
    const plain = { ...fullTerms, expiresOn: undefined, contingencies: [], compensation: { currency: 'USD' as const, payBasis: 'salary' as const, baseSalaryCents: 120_000_00 } };
    const out = await text('offer_letter_exempt', context(plain, { managerName: null }));
    expect(out).toContain('$120,000.00');
    expect(out).not.toMatch(/bonus|Equity|relocation|contingent|reporting to|expires/);
    expect(out).toContain('To accept, please sign this letter and return it to us.');
  });

  it('the hourly letter states the rate and overtime', async () => {
    const out = await text('offer_letter_hourly', context(hourlyTerms));
    expect(out).toContain('$24.75 per hour');
    expect(out).toContain('part-time, non-exempt position based in Albany, New York');
    expect(out).toContain('over 40 in a workweek, and as otherwise required by New York law');
    expect(out).toContain('about $51,480.00 a year ($2,145.00 per pay period)');
  });

  it('the contractor letter names the client and the rate, remote work and no benefits', async () => {
    const out = await text('contractor_engagement', context(contractorTerms));
    expect(out).toContain('engagement type: independent contractor (1099)');
    expect(out).toContain('on assignment with our client, Fabrikam Energy');
    expect(out).toContain('$80.00 per hour');
    expect(out).toContain('not an employee');
  });

  it('the contingencies addendum lists each contingency', async () => {
    const out = await text('addendum_contingencies', context(contractorTerms));
    expect(out).toContain('- Verification of work authorization\n- A drug screen\n- A background check');
    expect(await text('addendum_contingencies', context(hourlyTerms))).toContain('This offer has no contingencies.');
  });

  it('the Montana addendum says employment is not at will after probation', async () => {
    const out = await text('addendum_at_will_montana', context(contractorTerms));
    expect(out).toContain('based in Montana');
    expect(out).toMatch(/After you complete the probationary period, your employment is not at will/);
  });

  it('the state notices carry the rate, overtime and pay day, labelled as sample content', async () => {
    const ca = await text('notice_ca_wage', context(hourlyTerms));
    expect(ca).toContain('Regular rate: $24.75 per hour');
    expect(ca).toMatch(/over 8 in a workday or 40 in a workweek/);
    expect(ca).toContain('Sample content, not legal advice.');
    const ny = await text('notice_ny_pay_ack', context(hourlyTerms));
    expect(ny).toContain('Pay rate: $24.75 per hour');
    expect(ny).toContain('Overtime rate: one and one-half times');
    expect(ny).toContain('Regular pay day: semi-monthly');
  });

  it('addenda built from standard clauses carry the clause text word for word', async () => {
    for (const clause of standardClauses.filter((c) => c.key !== 'contingencies')) {
      const t = sampleTemplates.find((s) => s.key === `addendum_${clause.key}`)!;
      const out = blocksToText(parseMarkup(await renderTemplate(t.source, context())));
      for (const para of clause.body.split('\n\n')) expect(out).toContain(para);
    }
  });

  it('standard clauses are plain text with unique keys', () => {
    expect(standardClauses.map((c) => c.key)).toEqual(['at_will', 'at_will_montana', 'confidentiality', 'contingencies']);
    for (const c of standardClauses) expect(c.body).not.toMatch(/\{\{|\{%/);
    expect(new Set(sampleTemplates.map((t) => t.key)).size).toBe(sampleTemplates.length);
  });
});

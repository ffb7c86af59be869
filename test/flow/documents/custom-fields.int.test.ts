import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { costCenterField, defineField } from '../../helpers/custom-fields';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { packetsOf, pdfText } from '../../helpers/packets';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { makeDocx } from './docx-fixture';

const letter = [
  '# Your offer',
  'Cost center: {{ custom.cost_center }}.',
  'Remote stipend: {{ custom.remote_stipend }}.',
  'Badge pickup: {{ custom.badge_date }}.',
  'Visa sponsorship: {{ custom.visa_sponsorship }}.',
  'Shifts: {{ custom.shifts }}.',
  '{% if custom.visa_sponsorship == "Yes" %}We will sponsor your visa.{% endif %}',
].join('\n\n');

describe('templates: custom offer fields as custom.<key>', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let admin: string;
  let recruiter: string;
  let offers: OfferApi;
  const put = (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { cookie: admin, ...csrfHeader }, payload });

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-custom-packets-')));
    t = await createTestApp({ objectStore: store });
    fx = await createOrgFixture(t.database.db);
    admin = await signIn(t.app, fx.users.admin.email);
    recruiter = await signIn(t.app, fx.users.recruiter.email);
    offers = offerApi(t.app, recruiter, fx);
    await defineField(t.app, admin, costCenterField);
    await defineField(t.app, admin, { key: 'remote_stipend', label: 'Remote stipend', type: 'money' });
    await defineField(t.app, admin, { key: 'badge_date', label: 'Badge pickup', type: 'date' });
    await defineField(t.app, admin, { key: 'visa_sponsorship', label: 'Visa sponsorship', type: 'boolean' });
    await defineField(t.app, admin, { key: 'shifts', label: 'Shifts', type: 'multi_select', options: [{ value: 'early', label: 'Early' }, { value: 'late', label: 'Late' }] });
  });
  afterAll(() => t.close());

  it('lists the custom fields beside the built-in catalogue', async () => {
    const res = await t.app.inject({ url: '/api/v1/template-fields', headers: { cookie: recruiter } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().builtIn.length).toBeGreaterThan(40);
    expect(res.json().custom).toContainEqual(expect.objectContaining({ path: 'custom.cost_center', label: 'Cost center', type: 'text', example: 'Platform Engineering' }));
    expect(res.json().custom.map((f: { path: string }) => f.path)).toEqual(['custom.badge_date', 'custom.cost_center', 'custom.remote_stipend', 'custom.shifts', 'custom.visa_sponsorship']);
  });

  it('refuses a custom field the organisation does not define, by name', async () => {
    const res = await put('/api/v1/templates/typo_letter', { name: 'Typo', kind: 'letter', source: 'Charged to {{ custom.cost_centre }}.' });
    const problem = expectProblem(res, 422, { fields: ['source'] });
    expect(problem.errors![0]!.message).toBe('line 1, column 15: unknown field "custom.cost_centre": the organisation has no custom field of that key (did you mean "custom.cost_center"?)');
    const docx = await put('/api/v1/templates/typo_docx/docx', { name: 'Typo', kind: 'letter', fileBase64: makeDocx(['{custom.nope}']).toString('base64') });
    expect(expectProblem(docx, 422).errors![0]!.message).toContain('Unknown field "custom.nope"');
  });

  it('renders the values in the preview, the PDF and the Word document, and refuses retiring a field a template uses', async () => {
    const saved = await put('/api/v1/templates/custom_letter', { name: 'Letter with custom fields', kind: 'letter', source: letter });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().fields).toEqual(['custom.badge_date', 'custom.cost_center', 'custom.remote_stipend', 'custom.shifts', 'custom.visa_sponsorship']);
    const docx = await put('/api/v1/templates/custom_docx/docx', { name: 'Word letter', kind: 'addendum', fileBase64: makeDocx(['Cost center: {custom.cost_center}; stipend {custom.remote_stipend}']).toString('base64') });
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.json().fields).toEqual(['custom.cost_center', 'custom.remote_stipend']);
    const rules = await put('/api/v1/packet-rules', {
      rules: [
        { templateKey: 'custom_letter', description: 'Everyone', match: {} },
        { templateKey: 'custom_docx', description: 'Everyone', match: {} },
      ],
    });
    expect(rules.statusCode, rules.body).toBe(200);

    const custom = { cost_center: 'CC-100', remote_stipend: 1_500_00, badge_date: '2027-01-04', visa_sponsorship: true, shifts: ['early', 'late'] };
    const draft = await offers.createDraft({ custom });

    // The editor's live preview fills the draft.
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/templates/preview', headers: { cookie: recruiter, ...csrfHeader }, payload: { source: letter, kind: 'letter', name: 'Preview', offerId: draft.id } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().html).toContain('Cost center: Platform Engineering.');

    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const [packet] = await packetsOf(t.app, recruiter, draft.id);
    expect(packet!.documents.map((d) => d.templateKey)).toEqual(['custom_letter', 'custom_docx']);
    const text = await pdfText(t.app, recruiter, draft.id, 1, packet!.documents[0]!.sha256);
    for (const expected of ['Cost center: Platform Engineering.', 'Remote stipend: $1,500.00.', 'Badge pickup: January 4, 2027.', 'Visa sponsorship: Yes.', 'Shifts: Early, Late.', 'We will sponsor your visa.']) {
      expect(text).toContain(expected);
    }
    const versionPreview = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/1/preview`, headers: { cookie: recruiter } });
    expect(versionPreview.json().documents[0].html).toContain('Platform Engineering');

    const word = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/1/documents/${packet!.documents[1]!.sha256}`, headers: { cookie: recruiter } });
    expect(word.statusCode).toBe(200);
    const xml = new PizZip(word.rawPayload).file('word/document.xml')!.asText();
    expect(xml).toContain('Cost center: Platform Engineering; stipend $1,500.00');

    const retire = await t.app.inject({ method: 'POST', url: '/api/v1/admin/fields/cost_center/retire', headers: { cookie: admin, ...csrfHeader }, payload: {} });
    const problem = expectProblem(retire, 409);
    expect(problem.detail).toContain('custom_letter');
    expect(problem.detail).toContain('custom_docx');
  });
});

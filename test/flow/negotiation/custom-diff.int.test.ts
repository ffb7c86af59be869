import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { defineField, retentionBonusField } from '../../helpers/custom-fields';
import { csrfHeader } from '../../helpers/factories';
import { negotiationWorld, type NegotiationWorld } from './negotiation-fixture';

/** A new version that changes custom values: the diff labels them and masks a sensitive one for roles without pay. */
describe('version diff of custom values', () => {
  let w: NegotiationWorld;
  beforeAll(async () => {
    w = await negotiationWorld();
    await defineField(w.t.app, w.admin, { key: 'cost_center', label: 'Cost center', type: 'single_select', options: [{ value: 'CC-100' }, { value: 'CC-200' }] });
    await defineField(w.t.app, w.admin, retentionBonusField);
  });
  afterAll(() => w.t.close());

  it('shows changed custom values under their labels, masked where the role may not read them', async () => {
    const { id, token } = await w.sentOffer();
    const start = w.offers.terms().startDate;
    const asked = await w.askPortal(token, { changes: [{ field: 'startDate', asked: addDays(start, 7) }] });
    const answered = await w.newVersion(id, { answers: [{ requestId: asked.json().id, deltas: [{ field: 'startDate', decision: 'accept' }] }] });
    expect(answered.statusCode, answered.body).toBe(200);
    const draft = (await w.t.app.inject({ url: `/api/v1/offers/${id}`, headers: { cookie: w.recruiter } })).json();
    const saved = await w.t.app.inject({
      method: 'PUT',
      url: `/api/v1/offers/${id}/draft`,
      headers: { cookie: w.recruiter, ...csrfHeader, 'if-match': `"${draft.rowVersion}"` },
      payload: { terms: { ...draft.terms, custom: { cost_center: 'CC-200', retention_bonus: 5_000_00 } } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await w.offers.submit(id, saved.json().rowVersion)).statusCode).toBe(200);

    const finance = (await w.diff(id, '?from=1&to=2', 'finance')).json();
    expect(finance.fields).toContainEqual({ path: 'custom.cost_center', label: 'Cost center', before: null, after: 'CC-200', masked: false });
    expect(finance.fields).toContainEqual({ path: 'custom.retention_bonus', label: 'Retention bonus', before: null, after: 5_000_00, masked: false });
    const it_ = await w.diff(id, '?from=1&to=2', 'it');
    expect(it_.json().fields).toContainEqual({ path: 'custom.cost_center', label: 'Cost center', before: null, after: 'CC-200', masked: false });
    expect(it_.json().fields).toContainEqual(expect.objectContaining({ path: 'custom.retention_bonus', before: null, after: null, masked: true }));
    expect(it_.body).not.toContain('500000');
  });
});

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, openAdminPage, personPage, screenshot, writeHeaders } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** A webhook receiver on a free local port, keeping every payload it gets. */
async function startReceiver(): Promise<{ url: string; received: { type: string; data: Record<string, unknown> }[]; server: Server }> {
  const received: { type: string; data: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push(JSON.parse(text) as { type: string; data: Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

/** The cells of a CSV line (the export quotes only cells holding a comma, quote or line break). */
const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));

/**
 * Custom offer fields end to end: an admin adds a select field and moves it to the top of a
 * section; a recruiter fills it in at intake; the offer detail shows the chosen option's label,
 * the offers CSV export carries its value, and a webhook receiver gets it in the offer's payloads.
 * Everything lives in the Engineering unit's "Finance" section, which nothing else in the demo
 * uses, and no field is required, so other journeys' intakes are unchanged.
 */
const SECTION = 'Finance';

/** The field labels of a section of the layout editor, in order. */
const layoutLabels = (page: Page, section: string) =>
  page.getByRole('region', { name: `Section ${section}` }).locator('[data-field-label]').allInnerTexts();

test.describe('custom fields: define, arrange, fill in at intake, read on the offer', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  test.beforeAll(async () => {
    receiver = await startReceiver();
  });
  test.afterAll(() => receiver.server.close());

  test('an admin adds a select field and moves it to the top of a section; a recruiter fills it in; the offer shows it', async ({ browser }) => {
    test.setTimeout(120_000);
    const admin = await personPage(browser, 'admin');
    const units: { id: string; name: string }[] = await (await admin.request.get('/api/v1/business-units')).json();
    const engineering = units.find((u) => u.name === 'Engineering')!;
    let offerId = '';

    await test.step('an HRIS bridge subscribes to offer events (made through the API)', async () => {
      const res = await admin.request.post('/api/v1/webhooks/endpoints', { headers: writeHeaders, data: { url: receiver.url, description: 'HRIS bridge', eventTypes: ['offer.created', 'offer.status_changed'] } });
      expect(res.status(), await res.text()).toBe(201);
    });

    await test.step('the section already holds a field (PO number, made through the API)', async () => {
      const res = await admin.request.post('/api/v1/admin/fields', {
        headers: writeHeaders,
        data: { businessUnitId: engineering.id, key: 'po_number', label: 'PO number', type: 'text', section: SECTION, order: 500, helpText: 'The purchase order the hire is booked against' },
      });
      expect(res.status(), await res.text()).toBe(201);
    });

    await test.step('the admin opens Custom fields and chooses the Engineering form', async () => {
      await openAdminPage(admin, 'Custom fields');
      await expect(admin.getByRole('heading', { level: 1, name: 'Custom fields' })).toBeVisible();
      await chooseOption(admin, 'Form of', '', 'Engineering');
      await expect(admin.getByRole('region', { name: `Section ${SECTION}` })).toContainText('PO number');
    });

    await test.step('the admin adds "Cost center", a select with two choices, in the same section', async () => {
      await admin.getByRole('button', { name: 'New field' }).click();
      const dialog = admin.getByRole('dialog', { name: 'New custom field' });
      await expect(dialog.getByRole('combobox', { name: 'Offers that carry it' })).toHaveValue('Engineering');
      await dialog.getByRole('textbox', { name: 'Label', exact: true }).fill('Cost center');
      await expect(dialog.getByRole('textbox', { name: 'Key', exact: true })).toHaveValue('cost_center');
      await chooseOption(admin, 'Type', '', 'Select one');
      await dialog.getByRole('combobox', { name: 'Section' }).fill(SECTION);
      await dialog.getByRole('combobox', { name: 'Section' }).press('Escape');
      await dialog.getByLabel('Help text').fill('Which cost center the hire is charged to');
      await dialog.getByLabel('Choice 1 label').fill('Platform');
      await dialog.getByLabel('Choice 1 value').fill('CC-100');
      await dialog.getByRole('button', { name: 'Add a choice' }).click();
      await dialog.getByLabel('Choice 2 label').fill('Data');
      await dialog.getByLabel('Choice 2 value').fill('CC-200');
      // New offers start at Platform; the recruiter can change it.
      await chooseOption(admin, 'Default value', '', 'Platform');
      await screenshot(admin, 'custom-fields-new-field');
      await expectNoSeriousA11yViolations(admin, 'the new custom field dialog');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog).toBeHidden();
      // A new field goes last in the form: here, under PO number.
      expect(await layoutLabels(admin, SECTION)).toEqual(['PO number', 'Cost center']);
    });

    await test.step('dragging a field reorders the section too; Discard changes puts it back', async () => {
      const row = (key: string) => admin.locator(`[data-layout-field="${key}"]`);
      await row('cost_center').dragTo(row('po_number'));
      expect(await layoutLabels(admin, SECTION)).toEqual(['Cost center', 'PO number']);
      await admin.getByRole('button', { name: 'Discard changes' }).click();
      expect(await layoutLabels(admin, SECTION)).toEqual(['PO number', 'Cost center']);
    });

    await test.step('the admin moves Cost center to the top of the section and saves the layout', async () => {
      // By keyboard: the moved row keeps the focus, on its next usable move button.
      await admin.getByRole('button', { name: 'Move Cost center to the top of its section' }).press('Enter');
      expect(await layoutLabels(admin, SECTION)).toEqual(['Cost center', 'PO number']);
      await expect(admin.getByRole('button', { name: 'Move Cost center up' })).toBeFocused();
      await admin.getByRole('button', { name: 'Save layout' }).click();
      await expect(admin.getByRole('status').filter({ hasText: 'Layout saved' })).toBeVisible();
      await admin.reload();
      await chooseOption(admin, 'Form of', '', 'Engineering');
      expect(await layoutLabels(admin, SECTION)).toEqual(['Cost center', 'PO number']);
    });

    await test.step('the preview shows the section as a recruiter sees it, Cost center first', async () => {
      const preview = admin.getByTestId('form-preview');
      const finance = preview.getByRole('group', { name: SECTION });
      await expect(finance.getByRole('combobox', { name: 'Cost center' })).toBeEnabled();
      const labels = await finance.locator('[data-custom-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-custom-field')));
      expect(labels).toEqual(['cost_center', 'po_number']);
      await screenshot(admin, 'custom-fields-admin');
      await expectNoSeriousA11yViolations(admin, 'the custom fields admin page');
    });

    const recruiter = await personPage(browser, 'recruiter');
    await test.step('a recruiter fills Cost center in at intake', async () => {
      await recruiter.goto('/offers/new');
      await chooseOption(recruiter, 'Candidate', 'Noah', /Noah Fischer/);
      await chooseOption(recruiter, 'Requisition', 'ENG-102', /ENG-102/);
      await expect(recruiter.getByLabel('Title')).toHaveValue('Site Reliability Engineer');
      await recruiter.getByLabel('Start date').fill(isoDaysFromToday(30));
      await recruiter.getByLabel('Offer expires on').fill(isoDaysFromToday(10));
      const finance = recruiter.getByRole('group', { name: SECTION });
      await expect(finance.getByText('Which cost center the hire is charged to')).toBeVisible();
      await expect(finance.getByRole('combobox', { name: 'Cost center' })).toHaveValue('Platform');
      await chooseOption(recruiter, 'Cost center', '', 'Data');
      await finance.getByLabel('PO number').fill('PO-2231');
      await screenshot(recruiter, 'custom-fields-intake');
      await expectNoSeriousA11yViolations(recruiter, 'the intake form with custom fields');
      await recruiter.getByRole('button', { name: 'Save draft' }).click();
      await expect(recruiter).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
      offerId = recruiter.url().split('/').at(-1)!;
    });

    await test.step('the webhook receiver gets the new draft with its cost center', async () => {
      const created = () => receiver.received.find((e) => e.type === 'offer.created' && e.data.offerId === offerId);
      await expect.poll(() => created(), { timeout: 20_000 }).toBeDefined();
      expect(created()!.data).toMatchObject({ version: 0, custom: { cost_center: 'CC-200', po_number: 'PO-2231' } });
    });

    await test.step('the offer detail shows the chosen label under Other details', async () => {
      const details = recruiter.getByTestId('custom-values');
      await expect(details.getByRole('region', { name: SECTION })).toContainText('Cost center');
      await expect(details.getByRole('region', { name: SECTION })).toContainText('Data');
      await expect(details).not.toContainText('CC-200');
      await expect(details).toContainText('PO-2231');
      await screenshot(recruiter, 'custom-fields-offer-detail');
    });

    await test.step('editing the draft shows the saved values and changes one', async () => {
      await recruiter.getByRole('link', { name: 'Edit draft' }).click();
      await expect(recruiter.getByRole('combobox', { name: 'Cost center' })).toHaveValue('Data');
      await expect(recruiter.getByLabel('PO number')).toHaveValue('PO-2231');
      await chooseOption(recruiter, 'Cost center', '', 'Platform');
      await recruiter.getByRole('button', { name: 'Save draft' }).click();
      const details = recruiter.getByTestId('custom-values');
      await expect(details).toContainText('Platform');
      await expect(details).toContainText('PO-2231');
      // The journal names the field by its key in words.
      await expect(recruiter.getByTestId('journal-timeline')).toContainText('Draft updated: Cost center');
    });

    await test.step('submitted, version 1 reaches the receiver with the cost center it was frozen with', async () => {
      await recruiter.getByRole('button', { name: 'Submit for approval' }).click();
      const dialog = recruiter.getByRole('dialog', { name: 'Submit this offer?' });
      await dialog.getByRole('button', { name: 'Submit' }).click();
      await expect(dialog).toBeHidden();
      const submitted = () => receiver.received.find((e) => e.type === 'offer.status_changed' && e.data.offerId === offerId && e.data.event === 'submit');
      await expect.poll(() => submitted(), { timeout: 20_000 }).toBeDefined();
      expect(submitted()!.data).toMatchObject({ version: 1, custom: { cost_center: 'CC-100', po_number: 'PO-2231' } });
    });

    await test.step('the offers CSV export has a Cost center column holding the value', async () => {
      await recruiter.goto('/offers?q=Noah');
      await expect(recruiter.getByRole('link', { name: 'Export CSV' })).toBeVisible();
      await screenshot(recruiter, 'custom-fields-offers-export');
      const [download] = await Promise.all([recruiter.waitForEvent('download'), recruiter.getByRole('link', { name: 'Export CSV' }).click()]);
      const lines = (await readFile((await download.path())!, 'utf8')).trim().split(/\r\n/);
      const header = cells(lines[0]!);
      const row = lines.slice(1).map(cells).find((c) => c[header.indexOf('id')] === offerId);
      expect(row, lines.join('\n')).toBeDefined();
      expect(row![header.indexOf('custom.cost_center')]).toBe('CC-100');
      expect(row![header.indexOf('custom.po_number')]).toBe('PO-2231');
    });
  });

  test('the preview shows read-only fields greyed out; retiring a field still in use lists its users and needs a reason', async ({ browser }) => {
    const admin = await personPage(browser, 'admin');
    const units: { id: string; name: string }[] = await (await admin.request.get('/api/v1/business-units')).json();
    const engineering = units.find((u) => u.name === 'Engineering')!;

    await test.step('two fields, one required when the other is "night" (made through the API)', async () => {
      const make = (data: object) => admin.request.post('/api/v1/admin/fields', { headers: writeHeaders, data: { businessUnitId: engineering.id, section: 'Schedule', ...data } });
      const shift = await make({ key: 'shift_pattern', label: 'Shift pattern', type: 'single_select', order: 900, options: [{ value: 'day', label: 'Day' }, { value: 'night', label: 'Night' }] });
      expect(shift.status(), await shift.text()).toBe(201);
      const allowance = await make({ key: 'night_allowance', label: 'Night allowance', type: 'money', order: 901, validation: { requiredWhen: { field: 'custom.shift_pattern', op: 'eq', value: 'night' } } });
      expect(allowance.status(), await allowance.text()).toBe(201);
    });

    await test.step('as a hiring manager sees it, the fields are there but cannot be changed', async () => {
      await admin.goto('/admin/fields');
      await chooseOption(admin, 'Form of', '', 'Engineering');
      await chooseOption(admin, 'Role', '', 'Hiring manager');
      const schedule = admin.getByTestId('form-preview').getByRole('group', { name: 'Schedule' });
      await expect(schedule.getByRole('combobox', { name: 'Shift pattern' })).toBeDisabled();
      await expect(schedule).toContainText('Read only for this role');
    });

    await test.step('retiring Shift pattern is refused while Night allowance reads it; forced, it needs a reason', async () => {
      await admin.getByRole('button', { name: 'Retire Shift pattern' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Retire Shift pattern?' });
      await dialog.getByRole('button', { name: 'Retire', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText('custom field night_allowance');
      await dialog.getByRole('button', { name: 'Retire anyway' }).click();
      await expect(dialog.getByText(/is required to force a retirement/)).toBeVisible();
      await dialog.getByLabel(/Why retire it anyway/).fill('Shifts move to the scheduling system');
      await screenshot(admin, 'custom-fields-retire');
      await expectNoSeriousA11yViolations(admin, 'the retire dialog');
      await dialog.getByRole('button', { name: 'Retire anyway' }).click();
      await expect(dialog).toBeHidden();
      await expect(admin.getByRole('region', { name: 'Retired fields' })).toContainText('Shift pattern (shift_pattern)');
      await expect(admin.locator('[data-layout-field="shift_pattern"]')).toHaveCount(0);
    });

    await test.step('a field nothing uses retires at once', async () => {
      await admin.getByRole('button', { name: 'Retire Night allowance' }).click();
      await admin.getByRole('dialog', { name: 'Retire Night allowance?' }).getByRole('button', { name: 'Retire', exact: true }).click();
      await expect(admin.getByRole('region', { name: 'Retired fields' })).toContainText('Night allowance (night_allowance)');
    });
  });
});

import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { Db } from '../db/client';
import { createFieldService } from '../flow/fields/fields.service';

/**
 * The demo organisation's own offer fields (docs/fields.md), saved like an admin would: one
 * everyone reads, one sensitive like pay, and one only Go-to-Market offers carry. None is
 * required, so every intake path of the demo works without them.
 */
export async function seedDemoFields(db: Db, clock: Clock, admin: Actor, goToMarketId: string): Promise<void> {
  const fields = createFieldService({ db, clock });
  await fields.create(admin, {
    key: 'visa_sponsorship',
    label: 'Visa sponsorship',
    type: 'boolean',
    section: 'Work authorization',
    order: 10,
    helpText: 'Whether the company sponsors a work visa for this hire.',
  });
  await fields.create(admin, {
    key: 'remote_stipend',
    label: 'Remote work stipend',
    type: 'money',
    section: 'Compensation extras',
    order: 10,
    helpText: 'Monthly home-office stipend, in dollars.',
    validation: { max: 500_00 },
    sensitive: true,
  });
  await fields.create(admin, {
    businessUnitId: goToMarketId,
    key: 'sales_territory',
    label: 'Sales territory',
    type: 'single_select',
    section: 'Assignment',
    order: 10,
    options: [
      { value: 'west', label: 'West' },
      { value: 'central', label: 'Central' },
      { value: 'east', label: 'East' },
    ],
  });
}

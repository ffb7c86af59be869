import { Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { termsFieldLabel } from '../../../lib/labels';
import { useChangeRequests } from '../../delivery/api/delivery';

/** Under a "Negotiating" status: which terms are being negotiated, from the open change requests. */
export function NegotiatingWhat({ offerId }: { offerId: string }) {
  const requests = useChangeRequests(offerId, false);
  const fields = [...new Set((requests.data ?? []).filter((r) => r.status === 'open').flatMap((r) => r.deltas.map((d) => d.label ?? termsFieldLabel(d.field))))];
  if (fields.length === 0) return null;
  return (
    <Text size="xs" c="gray.8" data-testid="negotiating-what">
      {t('negotiation.what', { fields: fields.join(', ') })}
    </Text>
  );
}

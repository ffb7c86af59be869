import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { PortalOffer } from '../api/portal-offer';
import { describeAsked } from '../../../lib/term-words';
import { PortalChangesForm } from './portal-changes-form';
import { PortalDeclineForm } from './portal-decline-form';
import { PortalSignForm } from './portal-sign-form';

type Mode = 'choose' | 'sign' | 'decline' | 'changes';

/** The candidate's three answers: accept and sign, decline with a reason, or ask for changes. */
export function PortalAnswer({ token, data }: { token: string; data: PortalOffer }) {
  const [mode, setMode] = useState<Mode>('choose');
  const [declined, setDeclined] = useState(false);
  if (data.status === 'signed' || data.status === 'accepted') {
    return (
      <Alert color="green" variant="light" title={t('portal.signed.title')} role="status">
        {data.status === 'accepted' ? t('portal.completed.body') : t('portal.signed.body')}
      </Alert>
    );
  }
  if (declined) {
    return (
      <Alert color="gray" variant="light" title={t('portal.declined.title')} role="status">
        {t('portal.declined.body', { organization: data.organizationName })}
      </Alert>
    );
  }
  if (data.status !== 'sent' && data.status !== 'negotiating') return null;
  if (mode === 'sign') return <PortalSignForm token={token} data={data} onCancel={() => setMode('choose')} />;
  if (mode === 'decline') return <PortalDeclineForm token={token} onDone={() => setDeclined(true)} onCancel={() => setMode('choose')} />;
  if (mode === 'changes') return <PortalChangesForm token={token} data={data} onDone={() => setMode('choose')} onCancel={() => setMode('choose')} />;
  return (
    <Stack gap="xs">
      {data.status === 'negotiating' ? (
        <AskedChanges data={data} />
      ) : (
        <>
          <Button size="md" onClick={() => setMode('sign')}>
            {t('portal.accept')}
          </Button>
          <Button size="md" variant="default" onClick={() => setMode('changes')}>
            {t('portal.askChanges')}
          </Button>
        </>
      )}
      <Button size="md" variant="outline" color="red.8" onClick={() => setMode('decline')}>
        {t('portal.decline')}
      </Button>
    </Stack>
  );
}

/** After asking for changes the offer cannot be signed; the page says what was asked and what comes next. */
function AskedChanges({ data }: { data: PortalOffer }) {
  const open = data.changeRequests.filter((r) => r.status === 'open');
  return (
    <Alert color="blue" variant="light" title={t('portal.changes.sentTitle')} role="status">
      <Stack gap={6}>
        <Text size="sm">{t('portal.changes.sentBody', { organization: data.organizationName })}</Text>
        {open.map((r) => (
          <List key={r.id} size="sm" spacing={2}>
            {r.deltas.map((d) => (
              <List.Item key={d.field}>{describeAsked(d, data.offer.currency)}</List.Item>
            ))}
          </List>
        ))}
      </Stack>
    </Alert>
  );
}

import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useDeleteEndpoint, useEnableEndpoint, useEndpoints, useRotateSecret, type WebhookEndpoint } from '../api/webhooks';
import { DeliveryLog } from './delivery-log';
import { NewEndpointForm, SecretOnce } from './new-endpoint-form';

/** Outbound webhooks: subscriptions, their delivery log, replay, secret rotation. */
export function WebhooksPage() {
  const endpoints = useEndpoints();
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>{t('webhooks.pageTitle')}</Title>
        <Text c="gray.8">{t('webhooks.intro')}</Text>
      </div>
      <NewEndpointForm />
      {endpoints.isPending && <PageLoader />}
      {endpoints.isError && <ProblemAlert error={endpoints.error} />}
      {endpoints.data?.items.map((e) => <EndpointCard key={e.id} endpoint={e} />)}
    </Stack>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [showLog, setShowLog] = useState(false);
  const rotate = useRotateSecret();
  const enable = useEnableEndpoint();
  const remove = useDeleteEndpoint();
  const error = rotate.error ?? enable.error ?? remove.error;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={endpoint.url} data-endpoint={endpoint.url}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {endpoint.url}
          </Text>
          <ToneBadge color={endpoint.status === 'active' ? 'green' : 'red'} size="sm">
            {t(`webhooks.endpoint.${endpoint.status}`)}
          </ToneBadge>
        </Group>
        {endpoint.description && <Text size="sm">{endpoint.description}</Text>}
        <Text size="sm" c="gray.8">
          {t('webhooks.endpoint.events', { types: endpoint.eventTypes.includes('*') ? t('webhooks.endpoint.allEvents') : endpoint.eventTypes.join(', ') })}
        </Text>
        {endpoint.status === 'disabled' && endpoint.disabledReason && <Text size="sm">{endpoint.disabledReason}</Text>}
        {error && <ProblemAlert error={error} />}
        {rotate.data && <SecretOnce url={rotate.data.url} secret={rotate.data.secret} />}
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setShowLog(!showLog)} aria-expanded={showLog}>
            {showLog ? t('webhooks.endpoint.hideLog') : t('webhooks.endpoint.showLog')}
          </Button>
          <Button size="xs" variant="default" loading={rotate.isPending} onClick={() => rotate.mutate(endpoint.id)}>
            {t('webhooks.endpoint.rotate')}
          </Button>
          {endpoint.status === 'disabled' && (
            <Button size="xs" loading={enable.isPending} onClick={() => enable.mutate(endpoint.id)}>
              {t('webhooks.endpoint.enable')}
            </Button>
          )}
          <Button size="xs" variant="outline" color="red.8" loading={remove.isPending} onClick={() => window.confirm(t('webhooks.endpoint.deleteConfirm')) && remove.mutate(endpoint.id)}>
            {t('webhooks.endpoint.delete')}
          </Button>
        </Group>
        {showLog && <DeliveryLog endpointId={endpoint.id} />}
      </Stack>
    </Paper>
  );
}

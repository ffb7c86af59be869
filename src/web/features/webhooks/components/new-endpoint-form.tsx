import { Alert, Button, Checkbox, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useCreateEndpoint, useEventTypes } from '../api/webhooks';

const fieldError = (error: unknown, field: string) => (error instanceof ApiProblem ? error.fieldErrors.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.message : undefined);

/** Subscribe a URL to event types; the signing secret is shown once, right after. */
export function NewEndpointForm() {
  const types = useEventTypes();
  const create = useCreateEndpoint();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [all, setAll] = useState(true);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="new-endpoint-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="new-endpoint-title">
          {t('webhooks.new.title')}
        </Title>
        <TextInput label={t('webhooks.new.url')} description={t('webhooks.new.urlHelp')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(create.error, 'url')} />
        <TextInput label={t('webhooks.new.description')} value={description} maxLength={200} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Checkbox label={t('webhooks.new.all')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
        {!all && (
          <Checkbox.Group label={t('webhooks.new.types')} value={chosen} onChange={setChosen} error={fieldError(create.error, 'eventTypes')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
              {(types.data?.items ?? []).map((e) => (
                <Checkbox key={e.type} value={e.type} label={e.type} description={e.description} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        {create.isError && !(create.error instanceof ApiProblem && create.error.fieldErrors.length) && <ProblemAlert error={create.error} />}
        <Group>
          <Button loading={create.isPending} disabled={!url || (!all && chosen.length === 0)} onClick={() => create.mutate({ url, description, eventTypes: all ? ['*'] : chosen })}>
            {t('webhooks.new.submit')}
          </Button>
        </Group>
        {create.data && <SecretOnce url={create.data.url} secret={create.data.secret} />}
      </Stack>
    </Paper>
  );
}

export function SecretOnce({ url, secret }: { url: string; secret: string }) {
  return (
    <Alert color="green" variant="light" title={t('webhooks.secret.title')} role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Stack gap={4}>
        <Text size="sm">{t('webhooks.secret.body', { url })}</Text>
        <Code block data-testid="webhook-secret">
          {secret}
        </Code>
      </Stack>
    </Alert>
  );
}

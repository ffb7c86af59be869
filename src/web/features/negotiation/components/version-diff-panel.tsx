import { Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { describeTermValue } from '../../../lib/term-words';
import { useVersionDiff } from '../api/negotiation';

/** Two versions side by side, term by term: what negotiation changed and what stayed. */
export function VersionDiffPanel({ offerId, currentVersion, currency }: { offerId: string; currentVersion: number; currency: string }) {
  const [from, setFrom] = useState(currentVersion - 1);
  const [to, setTo] = useState(currentVersion);
  const diff = useVersionDiff(offerId, from !== to ? { from, to } : null);
  const versions = Array.from({ length: currentVersion }, (_, i) => String(i + 1));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="versions-title" data-testid="version-diff">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h3" id="versions-title">
            {t('versions.title')}
          </Title>
          <Group gap="xs">
            <NativeSelect size="xs" aria-label={t('versions.from')} value={String(from)} onChange={(e) => setFrom(Number(e.currentTarget.value))} data={versions.map((v) => ({ value: v, label: t('versions.version', { n: v }) }))} />
            <Text size="sm">→</Text>
            <NativeSelect size="xs" aria-label={t('versions.to')} value={String(to)} onChange={(e) => setTo(Number(e.currentTarget.value))} data={versions.map((v) => ({ value: v, label: t('versions.version', { n: v }) }))} />
          </Group>
        </Group>
        {diff.isError && <ProblemAlert error={diff.error} />}
        {from === to && <Text size="sm">{t('versions.same')}</Text>}
        {diff.data && diff.data.fields.length === 0 && <Text size="sm">{t('versions.noChanges')}</Text>}
        {diff.data && diff.data.fields.length > 0 && (
          <Table.ScrollContainer minWidth={420}>
            <Table striped aria-label={t('versions.tableLabel', { from: diff.data.from, to: diff.data.to })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('versions.term')}</Table.Th>
                  <Table.Th>{t('versions.version', { n: diff.data.from })}</Table.Th>
                  <Table.Th>{t('versions.version', { n: diff.data.to })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diff.data.fields.map((f) => (
                  <Table.Tr key={f.path} data-path={f.path}>
                    <Table.Td>{f.label}</Table.Td>
                    <Table.Td>{f.masked ? t('versions.hidden') : describeTermValue(f.path, f.before, currency)}</Table.Td>
                    <Table.Td>{f.masked ? t('versions.hidden') : describeTermValue(f.path, f.after, currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

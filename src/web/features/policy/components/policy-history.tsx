import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { formatDateTime } from '../../../lib/format';
import type { Policy, PolicySource } from '../api/policies';
import { VersionModal } from './version-modal';

/** Every saved version, newest first, each viewable read-only. */
export function PolicyHistory({ policy, onUse }: { policy: Policy; onUse: (source: PolicySource) => void }) {
  const [viewing, setViewing] = useState<number | null>(null);
  const versions = [...policy.versions].sort((a, b) => b.number - a.number);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t('policy.historyTitle')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" striped aria-label={t('policy.historyTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy.version')}</Table.Th>
              <Table.Th>{t('policy.savedBy')}</Table.Th>
              <Table.Th>{t('policy.savedAt')}</Table.Th>
              <Table.Th>{t('policy.noteColumn')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Text size="sm" fw={600} span>
                    {t('policy.versionNumber', { number: v.number })}
                  </Text>{' '}
                  {v.number === policy.currentVersion && (
                    <ToneBadge color="blue" size="sm">
                      {t('policy.current')}
                    </ToneBadge>
                  )}
                </Table.Td>
                <Table.Td>{v.createdByName ?? t('policy.unknownAuthor')}</Table.Td>
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={v.note ? undefined : 'gray.8'}>
                    {v.note ?? t('policy.noNote')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="default" onClick={() => setViewing(v.number)} aria-label={t('policy.viewVersion', { number: v.number })}>
                    {t('policy.view')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <VersionModal
        policyId={policy.id}
        number={viewing}
        author={policy.versions.find((v) => v.number === viewing)?.createdByName ?? t('policy.unknownAuthor')}
        onClose={() => setViewing(null)}
        onUse={(source) => {
          onUse(source);
          setViewing(null);
        }}
      />
    </Paper>
  );
}

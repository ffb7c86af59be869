import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { usePolicyVersion, type PolicySource } from '../api/policies';

interface Props {
  policyId: string;
  number: number | null;
  author: string;
  onClose: () => void;
  onUse: (source: PolicySource) => void;
}

/** An older version as it was saved, read-only; it can be copied into the editor as a starting point. */
export function VersionModal({ policyId, number, author, onClose, onUse }: Props) {
  const version = usePolicyVersion(policyId, number ?? undefined);
  const v = version.data;
  return (
    <Modal opened={number !== null} onClose={onClose} size="xl" title={number !== null ? t('policy.versionTitle', { number }) : ''} closeButtonProps={{ 'aria-label': t('policy.close') }}>
      {version.isPending && <PageLoader />}
      {version.isError && <ProblemAlert error={version.error} onRetry={() => void version.refetch()} />}
      {v && (
        <Stack gap="sm">
          <Text size="sm" c="gray.8">
            {t('policy.versionMeta', { when: formatDateTime(v.createdAt), who: author })}
            {v.note ? ` · ${v.note}` : ''}
          </Text>
          <Textarea
            label={t('policy.versionSource', { number: v.number })}
            value={v.source}
            readOnly
            autosize
            minRows={12}
            maxRows={28}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5, whiteSpace: 'pre', overflowX: 'auto' } }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('policy.close')}
            </Button>
            <Button onClick={() => onUse({ format: v.format, source: v.source })}>{t('policy.useVersion')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

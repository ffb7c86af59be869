import { Box, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import { usePacketDiff } from '../api/packets';

const mark = { same: ' ', removed: '−', added: '+' } as const;
const tone = {
  same: undefined,
  removed: { background: 'var(--mantine-color-red-0)', color: 'var(--mantine-color-red-9)' },
  added: { background: 'var(--mantine-color-green-0)', color: 'color-mix(in srgb, var(--mantine-color-green-9) 60%, black)' },
} as const;

/** What changed in each document's text from one version's packet to another's. */
export function PacketDiff({ offerId, from, to }: { offerId: string; from: number; to: number }) {
  const diff = usePacketDiff(offerId, { from, to });
  if (diff.isPending) return <PageLoader />;
  if (diff.isError) return <ProblemAlert error={diff.error} onRetry={() => void diff.refetch()} />;
  const changed = diff.data.documents.filter((d) => d.lines.some((l) => l.op !== 'same'));

  return (
    <Stack gap="sm" data-testid="packet-diff">
      <Text size="sm">{t('documents.diff.summary', { from, to })}</Text>
      {changed.length === 0 && <Text size="sm">{t('documents.diff.none')}</Text>}
      {changed.map((doc) => (
        <section key={doc.templateKey} aria-label={doc.name}>
          <Title order={4} size="h5" mb={4}>
            {doc.name}
          </Title>
          <Box component="pre" m={0} p="xs" style={{ fontSize: 12, whiteSpace: 'pre-wrap', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, maxHeight: 420, overflow: 'auto' }} tabIndex={0}>
            {doc.lines.map((l, i) => (
              <div key={i} style={tone[l.op]} data-op={l.op}>
                <span aria-hidden="true">{mark[l.op]} </span>
                {l.op !== 'same' && <VisuallyHidden>{t(`documents.diff.${l.op}`)} </VisuallyHidden>}
                {l.text || ' '}
              </div>
            ))}
          </Box>
        </section>
      ))}
    </Stack>
  );
}

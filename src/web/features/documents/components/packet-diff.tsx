import { Box, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { usePacketDiff, type PacketDiff as PacketDiffData } from '../api/packets';

const mark = { same: ' ', removed: '−', added: '+' } as const;
const tone = {
  same: undefined,
  removed: { background: 'var(--mantine-color-red-0)', color: 'var(--mantine-color-red-9)' },
  added: { background: 'var(--mantine-color-green-0)', color: 'color-mix(in srgb, var(--mantine-color-green-9) 60%, black)' },
} as const;

type Line = PacketDiffData['documents'][number]['lines'][number];
const CONTEXT = 2;

/** The changed lines with two unchanged lines around each change; longer unchanged runs fold into a count. */
function withContext(lines: Line[]): (Line | { op: 'skip'; count: number })[] {
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== 'same'));
  const out: (Line | { op: 'skip'; count: number })[] = [];
  lines.forEach((l, i) => {
    if (near[i]) return void out.push(l);
    const last = out[out.length - 1];
    if (last?.op === 'skip') last.count += 1;
    else out.push({ op: 'skip', count: 1 });
  });
  return out;
}

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
            {withContext(doc.lines).map((l, i) =>
              l.op === 'skip' ? (
                <div key={i} style={{ color: 'var(--mantine-color-gray-8)', fontStyle: 'italic' }}>
                  {l.count === 1 ? t('documents.diff.unchangedOne') : t('documents.diff.unchanged', { count: l.count })}
                </div>
              ) : (
                <div key={i} style={tone[l.op]} data-op={l.op}>
                  <span aria-hidden="true">{mark[l.op]} </span>
                  {l.op !== 'same' && <VisuallyHidden>{t(`documents.diff.${l.op}`)} </VisuallyHidden>}
                  {l.text || ' '}
                </div>
              ),
            )}
          </Box>
        </section>
      ))}
    </Stack>
  );
}

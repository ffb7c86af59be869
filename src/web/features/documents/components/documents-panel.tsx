import { Accordion, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { documentDownloadUrl, usePackets, type Packet, type PacketDocument } from '../api/packets';
import { DocumentPreviewModal } from './document-preview-modal';
import { PacketDiff } from './packet-diff';

const sizeInWords = (bytes: number) => (bytes < 1024 ? t('documents.packet.bytes', { n: bytes }) : t('documents.packet.kb', { n: Math.round(bytes / 1024) }));

function DocumentList({ offerId, packet, onPreview }: { offerId: string; packet: Packet; onPreview: (d: PacketDocument) => void }) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {packet.documents.map((d) => (
        <Group key={d.sha256} component="li" justify="space-between" align="flex-start" gap="xs" wrap="wrap" data-document={d.templateKey} py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <div style={{ minWidth: 0, flex: '1 1 260px' }}>
            <Group gap={6}>
              <Text fw={600} size="sm">
                {d.name}
              </Text>
              <ToneBadge color="gray" size="sm">
                {tOr(`documents.kind.${d.kind}`, d.kind)}
              </ToneBadge>
            </Group>
            <Text size="xs" c="gray.8">
              {t('documents.packet.chosenBy', { rule: d.ruleDescription })} · {sizeInWords(d.size)}
            </Text>
          </div>
          <Group gap={6}>
            <Button size="xs" variant="default" onClick={() => onPreview(d)} aria-label={t('documents.packet.previewLabel', { name: d.name })}>
              {t('documents.packet.preview')}
            </Button>
            <Button size="xs" variant="default" component="a" href={documentDownloadUrl(offerId, packet.versionNumber, d.sha256)} download aria-label={t('documents.packet.downloadLabel', { name: d.name })}>
              {t('documents.packet.download')}
            </Button>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

/** The offer's packet: the current version's documents, earlier packets folded, and what changed between them. */
export function DocumentsPanel({ offerId, waiting }: { offerId: string; waiting: boolean }) {
  const packets = usePackets(offerId, waiting);
  const [previewing, setPreviewing] = useState<{ version: number; doc: PacketDocument } | null>(null);
  const [compareWith, setCompareWith] = useState<number | null>(null);
  // Roles that may not read pay may not read the documents either: the panel is simply not there
  // (nor while that is unknown, so it never flashes up for them).
  if (packets.isPending || isProblem(packets.error, 403)) return null;
  const list = packets.data ?? [];
  const [current, ...earlier] = list;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="documents-title" data-testid="documents-panel">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3" id="documents-title">
            {t('documents.packet.title')}
          </Title>
          {current && (
            <Text size="sm" c="gray.8">
              {t('documents.packet.versionMeta', { version: current.versionNumber, when: formatDateTime(current.createdAt) })}
            </Text>
          )}
        </Group>
        {waiting && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">{t('documents.packet.preparing')}</Text>
          </Group>
        )}
        {packets.isError && <ProblemAlert error={packets.error} onRetry={() => void packets.refetch()} />}
        {packets.isSuccess && !current && !waiting && <Text size="sm">{t('documents.packet.none')}</Text>}
        {current && <DocumentList offerId={offerId} packet={current} onPreview={(doc) => setPreviewing({ version: current.versionNumber, doc })} />}
        {current && earlier.length > 0 && (
          <Group gap="xs">
            {compareWith === null ? (
              <Button size="xs" variant="light" onClick={() => setCompareWith(earlier[0]!.versionNumber)}>
                {t('documents.diff.compare', { version: earlier[0]!.versionNumber })}
              </Button>
            ) : (
              <Button size="xs" variant="subtle" onClick={() => setCompareWith(null)}>
                {t('documents.diff.hide')}
              </Button>
            )}
          </Group>
        )}
        {current && compareWith !== null && <PacketDiff offerId={offerId} from={compareWith} to={current.versionNumber} />}
        {earlier.length > 0 && (
          <Accordion variant="contained" chevronPosition="left">
            {earlier.map((p) => (
              <Accordion.Item key={p.versionNumber} value={String(p.versionNumber)}>
                <Accordion.Control>{t('documents.packet.earlier', { version: p.versionNumber, count: p.documents.length })}</Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    <DocumentList offerId={offerId} packet={p} onPreview={(doc) => setPreviewing({ version: p.versionNumber, doc })} />
                    {current && compareWith !== p.versionNumber && (
                      <Button size="xs" variant="light" w="fit-content" onClick={() => setCompareWith(p.versionNumber)}>
                        {t('documents.diff.compare', { version: p.versionNumber })}
                      </Button>
                    )}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </Stack>
      <DocumentPreviewModal offerId={offerId} version={previewing?.version ?? 0} document={previewing?.doc ?? null} onClose={() => setPreviewing(null)} />
    </Paper>
  );
}

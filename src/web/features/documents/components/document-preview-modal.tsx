import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { documentDownloadUrl, usePacketPreview, type PacketDocument } from '../api/packets';
import { DocumentFrame } from './document-frame';

interface Props {
  offerId: string;
  version: number;
  document: PacketDocument | null;
  onClose: () => void;
}

/** One packet document as HTML, laid out as in the PDF, with its download beside it. */
export function DocumentPreviewModal({ offerId, version, document, onClose }: Props) {
  const preview = usePacketPreview(offerId, document ? version : null);
  const html = preview.data?.documents.find((d) => d.sha256 === document?.sha256)?.html;
  return (
    <Modal opened={!!document} onClose={onClose} title={document ? t('documents.packet.previewTitle', { name: document.name, version }) : ''} size="xl">
      {document && (
        <Stack gap="sm">
          <Group justify="flex-end">
            <Button component="a" href={documentDownloadUrl(offerId, version, document.sha256)} download variant="default" size="xs">
              {t('documents.packet.download')}
            </Button>
          </Group>
          {preview.isPending && <PageLoader />}
          {preview.isError && <ProblemAlert error={preview.error} onRetry={() => void preview.refetch()} />}
          {preview.data && (html ? <DocumentFrame html={html} title={document.name} testId="packet-preview" /> : <Text size="sm">{t('documents.packet.noPreview')}</Text>)}
        </Stack>
      )}
    </Modal>
  );
}

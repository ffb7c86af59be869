import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { OfferOption } from '../../offers/api/offer-options';
import { useTemplates } from '../api/templates';
import { TemplateWorkbench } from './template-workbench';

interface Props {
  selected: string | null;
  onSelect: (key: string) => void;
  canEdit: boolean;
}

/** Every template with its current version; the chosen one opens in the editor below the list. */
export function TemplatesPanel({ selected, onSelect, canEdit }: Props) {
  const templates = useTemplates();
  const [offer, setOffer] = useState<OfferOption | null>(null);
  if (templates.isPending) return <PageLoader />;
  if (templates.isError) return <ProblemAlert error={templates.error} onRetry={() => void templates.refetch()} />;
  const list = templates.data;

  return (
    <Stack gap="lg">
      {list.length === 0 ? (
        <Text size="sm">{t('documents.templates.none')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('documents.templates.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.templates.name')}</Table.Th>
                  <Table.Th>{t('documents.templates.kind')}</Table.Th>
                  <Table.Th>{t('documents.templates.format')}</Table.Th>
                  <Table.Th>{t('documents.templates.version')}</Table.Th>
                  <Table.Th>{t('documents.templates.updated')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('documents.templates.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((tpl) => {
                  const current = tpl.key === selected;
                  return (
                    <Table.Tr key={tpl.key} bg={current ? 'blue.0' : undefined} aria-current={current ? 'true' : undefined}>
                      <Table.Td fw={current ? 700 : undefined}>{tpl.name}</Table.Td>
                      <Table.Td>{tOr(`documents.kind.${tpl.kind}`, tpl.kind)}</Table.Td>
                      <Table.Td>{tOr(`documents.format.${tpl.format}`, tpl.format)}</Table.Td>
                      <Table.Td>{tpl.version}</Table.Td>
                      <Table.Td>{formatDateTime(tpl.updatedAt)}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant={current ? 'light' : 'default'} onClick={() => onSelect(tpl.key)} aria-label={t(canEdit ? 'documents.templates.editLabel' : 'documents.templates.openLabel', { name: tpl.name })}>
                          {canEdit ? t('documents.templates.edit') : t('documents.templates.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {selected ? (
        <TemplateWorkbench key={selected} templateKey={selected} canEdit={canEdit} offer={offer} onOffer={setOffer} />
      ) : (
        list.length > 0 && (
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4">
              {t('documents.templates.chooseTitle')}
            </Title>
            <Text size="sm" c="gray.8">
              {t('documents.templates.choose')}
            </Text>
          </Paper>
        )
      )}
    </Stack>
  );
}

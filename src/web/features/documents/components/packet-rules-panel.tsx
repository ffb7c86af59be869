import { Paper, Stack, Table, Text, Code } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { usePacketRules } from '../api/library';
import { useTemplates } from '../api/templates';
import { PacketRulesEditor } from './packet-rules-editor';
import { ruleMatchInWords } from './rule-words';

/** The ordered rules that choose a packet's documents, in words; admins and legal edit them as JSON. */
export function PacketRulesPanel({ canEdit }: { canEdit: boolean }) {
  const rules = usePacketRules();
  const templates = useTemplates();
  if (rules.isPending) return <PageLoader />;
  if (rules.isError) return <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  const nameOf = (key: string) => templates.data?.find((tpl) => tpl.key === key)?.name;

  return (
    <Stack gap="md">
      <Text size="sm" c="gray.8" maw={900}>
        {t('documents.rules.hint')}
      </Text>
      {rules.data.length === 0 ? (
        <Text size="sm">{t('documents.rules.none')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('documents.rules.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('documents.rules.rule')}</Table.Th>
                  <Table.Th>{t('documents.rules.document')}</Table.Th>
                  <Table.Th>{t('documents.rules.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td fw={600}>{r.description}</Table.Td>
                    <Table.Td>
                      {nameOf(r.templateKey) ?? t('documents.rules.missingTemplate')} <Code>{r.templateKey}</Code>
                    </Table.Td>
                    <Table.Td>{ruleMatchInWords(r.match)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {canEdit && <PacketRulesEditor rules={rules.data} />}
    </Stack>
  );
}

import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useClauses, useSaveClause, type Clause } from '../api/library';
import { ruleMatchInWords } from './rule-words';

function ClauseCard({ clause, canEdit }: { clause: Clause; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(clause.title);
  const [body, setBody] = useState(clause.body);
  const [saved, setSaved] = useState(false);
  const save = useSaveClause();
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const errorOf = (field: string) => problem?.fieldErrors.find((e) => e.field === field)?.message;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { key: clause.key, input: { title: title.trim(), body: body.trim(), appliesTo: clause.appliesTo } },
      {
        onSuccess: () => {
          setEditing(false);
          setSaved(true);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`clause-${clause.key}`} data-clause={clause.key}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Title order={3} size="h4" id={`clause-${clause.key}`}>
            {clause.title}
          </Title>
          <Text size="xs" c="gray.8">
            {t('documents.clauses.meta', { version: clause.version, when: formatDateTime(clause.updatedAt), where: ruleMatchInWords(clause.appliesTo) })}
          </Text>
        </div>
        {canEdit && !editing && (
          <Button size="xs" variant="default" onClick={() => { setSaved(false); setEditing(true); }} aria-label={t('documents.clauses.editLabel', { title: clause.title })}>
            {t('documents.clauses.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <Stack gap="xs" mt="sm" component="form" onSubmit={submit}>
          <TextInput label={t('documents.clauses.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} required error={errorOf('title')} />
          <Textarea label={t('documents.clauses.body')} description={t('documents.clauses.bodyHint')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={4} maxRows={16} required error={errorOf('body')} />
          <Group gap="xs">
            <Button type="submit" loading={save.isPending}>
              {t('documents.clauses.save')}
            </Button>
            <Button variant="subtle" onClick={() => { save.reset(); setTitle(clause.title); setBody(clause.body); setEditing(false); }}>
              {t('documents.clauses.cancel')}
            </Button>
          </Group>
          {save.isError && !problem?.fieldErrors.length && <ProblemAlert error={save.error} />}
        </Stack>
      ) : (
        <Stack gap={6} mt="sm">
          {clause.body.split(/\n\s*\n/).map((para, i) => (
            <Text size="sm" key={i}>
              {para}
            </Text>
          ))}
        </Stack>
      )}
      {saved && (
        <Text size="sm" mt="xs" role="status" style={{ color: toneText('green') }}>
          {t('documents.clauses.saved', { version: clause.version })}
        </Text>
      )}
    </Paper>
  );
}

/** The standard clauses: an offer whose clause text differs from these is non-standard. */
export function ClausesPanel({ canEdit }: { canEdit: boolean }) {
  const clauses = useClauses();
  if (clauses.isPending) return <PageLoader />;
  if (clauses.isError) return <ProblemAlert error={clauses.error} onRetry={() => void clauses.refetch()} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="gray.8" maw={900}>
        {t('documents.clauses.hint')}
      </Text>
      {clauses.data.length === 0 && <Text size="sm">{t('documents.clauses.none')}</Text>}
      {clauses.data.map((c) => (
        <ClauseCard key={c.key} clause={c} canEdit={canEdit} />
      ))}
    </Stack>
  );
}

import { Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { templateKinds, useSaveTemplate, type TemplateDraft, type TemplateKind } from '../api/templates';
import { SourceProblems } from './source-problems';

export interface EditorHandle {
  goTo: (line: number, column: number) => void;
  insert: (text: string) => void;
}

interface Props {
  ref: Ref<EditorHandle>;
  templateKey: string;
  value: TemplateDraft;
  onChange: (next: TemplateDraft) => void;
  version: number;
  dirty: boolean;
  onRevert: () => void;
  canEdit: boolean;
}

/** The 0-based offset of a 1-based line and column in the text. */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const before = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
  return Math.min(text.length, before + Math.max(0, Math.min(column - 1, (lines[line - 1] ?? '').length)));
}

export function TemplateEditor({ ref, templateKey, value, onChange, version, dirty, onRevert, canEdit }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const [saved, setSaved] = useState<number | null>(null);
  const save = useSaveTemplate();
  const trackCaret = (el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart);
    setCaret({ line: before.split('\n').length, column: el.selectionStart - before.lastIndexOf('\n') });
  };
  // A refusal describes the text as it was sent; once the text changes it would only mislead.
  const { reset, isError } = save;
  useEffect(() => {
    if (isError) reset();
  }, [value.source, value.kind, value.name]);

  const goTo = (line: number, column: number) => {
    const el = area.current;
    if (!el) return;
    const at = offsetOf(el.value, line, column);
    el.focus();
    el.setSelectionRange(at, at);
    setCaret({ line, column });
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
  };
  useImperativeHandle(ref, () => ({
    goTo,
    insert: (text) => {
      const el = area.current;
      if (!el) return;
      const start = el.selectionStart;
      const next = el.value.slice(0, start) + text + el.value.slice(el.selectionEnd);
      onChange({ ...value, source: next });
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(start + text.length, start + text.length);
      });
    },
  }));

  const problem = save.error instanceof ApiProblem ? save.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate({ key: templateKey, draft: { ...value, name: value.name.trim() } }, { onSuccess: (tpl) => setSaved(tpl.version) });
  };

  return (
    <Stack gap="sm" component="form" onSubmit={submit}>
      <Group gap="xs" align="center">
        <Title order={2} size="h3">
          {t('documents.editor.title')}
        </Title>
        <Text size="sm" c="gray.8">
          {t('documents.editor.basedOn', { number: version })}
        </Text>
        {dirty && <ToneBadge color="yellow">{t('documents.editor.unsaved')}</ToneBadge>}
      </Group>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput label={t('documents.editor.name')} value={value.name} onChange={(e) => onChange({ ...value, name: e.currentTarget.value })} readOnly={!canEdit} maxLength={200} required style={{ flex: '2 1 260px' }} />
        <Select
          label={t('documents.editor.kind')}
          value={value.kind}
          onChange={(k) => k && onChange({ ...value, kind: k as TemplateKind })}
          data={templateKinds.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
          allowDeselect={false}
          readOnly={!canEdit}
          style={{ flex: '1 1 160px' }}
        />
      </Group>
      <Text size="xs" c="gray.8">
        {t('documents.editor.help')}
      </Text>
      <Textarea
        ref={area}
        label={t('documents.editor.source')}
        value={value.source}
        onChange={(e) => onChange({ ...value, source: e.currentTarget.value })}
        onSelect={(e) => trackCaret(e.currentTarget)}
        description={t('documents.editor.caret', caret)}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        readOnly={!canEdit}
        autosize
        minRows={18}
        maxRows={30}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5, whiteSpace: 'pre', overflowX: 'auto' } }}
      />
      {canEdit && (
        <Group gap="xs">
          <Button type="submit" loading={save.isPending} disabled={!dirty || !value.source.trim() || !value.name.trim()}>
            {t('documents.editor.save')}
          </Button>
          {dirty && (
            <Button variant="subtle" onClick={onRevert}>
              {t('documents.editor.revert')}
            </Button>
          )}
        </Group>
      )}
      {saved !== null && !dirty && (
        <Text size="sm" role="status" style={{ color: toneText('green') }}>
          {t('documents.editor.saved', { number: saved })}
        </Text>
      )}
      {problem && problem.fieldErrors.length > 0 && (
        <SourceProblems problems={problem.fieldErrors} title={t('documents.editor.saveRefused')} onGoTo={goTo} testId="template-save-problems" />
      )}
      {save.isError && !problem?.fieldErrors.length && <ProblemAlert error={save.error} />}
    </Stack>
  );
}

import { Button, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useCheckPolicy, type PolicyFormat, type PolicyProblem, type PolicySource } from '../api/policies';
import { PolicyProblems } from './policy-problems';
import { PolicySave } from './policy-save';
import { convertSource, offsetOfLine } from './policy-text';

interface Props {
  value: PolicySource;
  onChange: (next: PolicySource) => void;
  baseNumber: number | undefined;
  dirty: boolean;
  onRevert: () => void;
  canSave: boolean;
}

export function PolicyEditor({ value, onChange, baseNumber, dirty, onRevert, canSave }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const check = useCheckPolicy();
  const [checked, setChecked] = useState<{ source: string; problems: PolicyProblem[] } | null>(null);
  const [notConverted, setNotConverted] = useState(false);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  // Where the caret is, so a problem's line can be matched by eye as well as by the link.
  const trackCaret = (el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart);
    const line = before.split('\n').length;
    setCaret({ line, column: el.selectionStart - before.lastIndexOf('\n') });
  };

  const switchFormat = (format: PolicyFormat) => {
    const converted = convertSource(value.source, format);
    setNotConverted(converted === null && value.source.trim() !== '');
    onChange({ format, source: converted ?? value.source });
  };
  const runCheck = () => check.mutate(value, { onSuccess: (r) => setChecked({ source: value.source, problems: r.problems }) });
  const goToLine = (line: number) => {
    const el = area.current;
    if (!el) return;
    const { start, end } = offsetOfLine(el.value, line);
    el.focus();
    el.setSelectionRange(start, end);
    setCaret({ line, column: 1 });
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" gap="xs">
        <Group gap="xs">
          <Title order={2} size="h3">
            {t('policy.editorTitle')}
          </Title>
          {baseNumber !== undefined && (
            <Text size="sm" c="gray.8">
              {t('policy.editingVersion', { number: baseNumber })}
            </Text>
          )}
          {dirty && (
            <ToneBadge color="yellow">{t('policy.unsaved')}</ToneBadge>
          )}
        </Group>
        <SegmentedControl
          size="xs"
          aria-label={t('policy.format')}
          value={value.format}
          onChange={(v) => switchFormat(v as PolicyFormat)}
          data={[
            { value: 'yaml', label: t('policy.formatYaml') },
            { value: 'json', label: t('policy.formatJson') },
          ]}
        />
      </Group>
      <Text size="xs" c="gray.8">
        {t('policy.help')}
      </Text>
      {notConverted && (
        <Text size="sm" c="orange.9" role="status">
          {t('policy.notConverted')}
        </Text>
      )}
      <Textarea
        ref={area}
        label={t('policy.editorLabel', { format: value.format === 'yaml' ? t('policy.formatYaml') : t('policy.formatJson') })}
        value={value.source}
        onChange={(e) => onChange({ ...value, source: e.currentTarget.value })}
        onSelect={(e) => trackCaret(e.currentTarget)}
        description={t('policy.caret', caret)}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        autosize
        minRows={16}
        maxRows={32}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5, whiteSpace: 'pre', overflowX: 'auto' } }}
      />
      <Group gap="xs">
        <Button variant="default" onClick={runCheck} loading={check.isPending}>
          {t('policy.check')}
        </Button>
        {dirty && (
          <Button variant="subtle" onClick={onRevert}>
            {t('policy.revert')}
          </Button>
        )}
      </Group>
      {check.isError && <ProblemAlert error={check.error} />}
      {checked && <PolicyProblems problems={checked.problems} source={value.source} stale={checked.source !== value.source} onGoToLine={goToLine} />}
      {canSave && <PolicySave value={value} onGoToLine={goToLine} />}
    </Stack>
  );
}

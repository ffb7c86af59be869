import { Accordion, Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useSavePacketRules, type PacketRule } from '../api/library';

const asJson = (rules: PacketRule[]) => JSON.stringify(rules.map(({ templateKey, description, match }) => ({ templateKey, description, match })), null, 2);

/** The rules as JSON: the order is the order they are tried in; the server says what is wrong, by path. */
export function PacketRulesEditor({ rules }: { rules: PacketRule[] }) {
  const [text, setText] = useState(() => asJson(rules));
  const [parseError, setParseError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useSavePacketRules();
  const problem = save.error instanceof ApiProblem ? save.error : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.reset();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setParseError(t('documents.rules.notJson', { message: (err as Error).message }));
      return;
    }
    setParseError(null);
    save.mutate(parsed, { onSuccess: (next) => { setText(asJson(next)); setSaved(true); } });
  };

  return (
    <Accordion variant="contained">
      <Accordion.Item value="edit">
        <Accordion.Control>{t('documents.rules.editTitle')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs" component="form" onSubmit={submit}>
            <Text size="xs" c="gray.8">
              {t('documents.rules.editHint')}
            </Text>
            <Textarea
              label={t('documents.rules.json')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={12}
              maxRows={30}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              error={parseError}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, whiteSpace: 'pre', overflowX: 'auto' } }}
            />
            <Group gap="xs">
              <Button type="submit" loading={save.isPending}>
                {t('documents.rules.save')}
              </Button>
              <Button variant="subtle" onClick={() => { setText(asJson(rules)); setParseError(null); save.reset(); }}>
                {t('documents.rules.revert')}
              </Button>
            </Group>
            {saved && (
              <Text size="sm" role="status" style={{ color: toneText('green') }}>
                {t('documents.rules.saved')}
              </Text>
            )}
            {problem?.fieldErrors.length ? (
              <Alert color="red" variant="light" title={problem.title} role="alert">
                <List size="sm" c="red.9">
                  {problem.fieldErrors.map((f, i) => (
                    <List.Item key={i}>
                      <Text span ff="monospace" size="sm" fw={600}>
                        {f.field.replace(/^rules\.?/, '')}
                      </Text>{' '}
                      — {f.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              save.isError && <ProblemAlert error={save.error} />
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

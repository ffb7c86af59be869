import { Alert, Anchor, List, Text } from '@mantine/core';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { PolicyProblem } from '../api/policies';
import { lineOfPath } from './policy-text';

interface Props {
  problems: PolicyProblem[];
  source: string;
  /** The source changed after these problems were found. */
  stale?: boolean;
  title?: string;
  onGoToLine: (line: number) => void;
}

/** "stages[1].steps[0].approvers[0].role — unknown role …", each with a link to its line. */
export function PolicyProblems({ problems, source, stale, title, onGoToLine }: Props) {
  if (problems.length === 0) {
    return (
      <Text size="sm" style={{ color: toneText('green') }} role="status" data-testid="policy-check-ok">
        {t('policy.checkOk')}
      </Text>
    );
  }
  const heading = title ?? (problems.length === 1 ? t('policy.problemsTitleOne') : t('policy.problemsTitle', { count: problems.length }));
  return (
    <Alert color="red" variant="light" title={heading} role="alert" data-testid="policy-problems">
      <List size="sm" spacing={4} c="red.9">
        {problems.map((p, i) => {
          const line = p.path ? lineOfPath(source, p.path) : null;
          return (
            <List.Item key={`${p.path}:${i}`}>
              <Text span size="sm" ff="monospace" fw={600}>
                {p.path || t('policy.title')}
              </Text>{' '}
              — {p.message}
              {line !== null && (
                <>
                  {' '}
                  (<Anchor component="button" type="button" size="sm" c="red.9" underline="always" onClick={() => onGoToLine(line)} aria-label={t('policy.goToLineLabel', { line })}>
                    {t('policy.goToLine', { line })}
                  </Anchor>
                  )
                </>
              )}
            </List.Item>
          );
        })}
      </List>
      {stale && (
        <Text size="xs" mt="xs" c="red.9">
          {t('policy.staleCheck')}
        </Text>
      )}
    </Alert>
  );
}

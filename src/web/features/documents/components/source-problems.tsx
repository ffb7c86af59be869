import { Alert, Anchor, List, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { FieldProblem } from '../../../lib/api-client';
import { splitPosition } from '../api/templates';

interface Props {
  problems: FieldProblem[];
  title: string;
  onGoTo: (line: number, column: number) => void;
  testId?: string;
}

/** "Line 3, column 14 — unknown field offer.basesalary", each position a link that moves the caret there. */
export function SourceProblems({ problems, title, onGoTo, testId }: Props) {
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId}>
      <List size="sm" spacing={4} c="red.9">
        {problems.map((p, i) => {
          const at = splitPosition(p.message);
          return (
            <List.Item key={`${p.field}:${i}`}>
              {at ? (
                <>
                  <Anchor component="button" type="button" size="sm" c="red.9" fw={600} underline="always" onClick={() => onGoTo(at.line, at.column)} aria-label={t('documents.editor.goToLabel', at)}>
                    {t('documents.editor.position', at)}
                  </Anchor>{' '}
                  — {at.text}
                </>
              ) : (
                <Text span size="sm">
                  {p.field === 'source' ? p.message : `${p.field} — ${p.message}`}
                </Text>
              )}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

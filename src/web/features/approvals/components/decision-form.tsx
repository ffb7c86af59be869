import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import { decisionKinds, useDecideStep, type DecisionKind } from '../api/decide';

interface Props {
  stepId: string;
  /** Names the offer in the buttons' accessible names, so a list of items reads unambiguously. */
  offerLabel: string;
  onDecided: (decision: DecisionKind) => void;
}

// Shades dark enough for 4.5:1 text: white on teal.9, red.9 on white; request changes stays neutral.
const buttonLook: Record<DecisionKind, { variant: string; color?: string }> = {
  approve: { variant: 'filled', color: 'teal.9' },
  request_changes: { variant: 'default' },
  reject: { variant: 'outline', color: 'red.9' },
};

/**
 * Approve with an optional comment; reject or request changes with a required one. The server
 * decides what is required and says so as a problem on the comment field, shown under it.
 */
export function DecisionForm({ stepId, offerLabel, onDecided }: Props) {
  const decide = useDecideStep();
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<DecisionKind | null>(null);
  const id = useId();
  const problem = decide.error;
  const commentProblem = isProblem(problem) ? problem.fieldErrors.find((f) => f.field === 'comment') : undefined;

  const submit = (decision: DecisionKind) => {
    setChosen(decision);
    decide.mutate({ stepId, decision, comment: comment.trim() }, { onSuccess: () => onDecided(decision) });
  };

  return (
    <Stack gap="xs">
      <Textarea
        id={`${id}-comment`}
        label={t('approvals.comment')}
        description={t('approvals.commentHint')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={commentProblem ? t('approvals.fieldError', { label: t('approvals.comment'), message: commentProblem.message }) : undefined}
      />
      {problem && !commentProblem && <ProblemAlert error={problem} />}
      <Group gap="sm">
        {decisionKinds.map((d) => (
          <Button
            key={d}
            variant={buttonLook[d].variant}
            color={buttonLook[d].color}
            loading={decide.isPending && chosen === d}
            disabled={decide.isPending && chosen !== d}
            aria-label={`${t(`approvals.decide.${d}`)}: ${offerLabel}`}
            onClick={() => submit(d)}
          >
            {t(`approvals.decide.${d}`)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

import { Alert, Anchor, Button, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { FieldList } from '../../../components/field-list';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { useApprovalLink, useDecideByLink, type ApprovalLink } from '../api/approval-link';
import { decisionKinds, type DecisionKind } from '../api/decide';
import { formatDue } from './approval-labels';

function InvalidLink() {
  return (
    <Alert color="red" variant="light" title={t('approvals.link.invalidTitle')} role="alert">
      <Stack gap="sm">
        <Text size="sm" c="red.9">
          {t('approvals.link.invalidBody')}
        </Text>
        <Anchor component={Link} to={paths.signIn()} size="sm" fw={600} c="red.9" underline="always">
          {t('approvals.link.signIn')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function Summary({ link }: { link: ApprovalLink }) {
  return (
    <FieldList
      items={[
        { label: t('approvals.link.offer'), value: t('approvals.itemTitle', { candidate: link.offer.candidateName, title: link.offer.title }) },
        { label: t('approvals.link.step'), value: t('approvals.stepInStage', { step: link.step.stepName, stage: link.step.stageName }) },
        { label: t('approvals.link.due'), value: link.step.dueAt ? formatDue(link.step.dueAt) : t('approvals.noDue') },
        { label: t('approvals.link.why'), value: link.step.explanation },
      ]}
    />
  );
}

/** The form behind an e-mailed link: nothing is decided until the person confirms. */
function LinkDecision({ token, link }: { token: string; link: ApprovalLink }) {
  const decide = useDecideByLink(token);
  const [choice, setChoice] = useState<DecisionKind | null>(null);
  const [comment, setComment] = useState('');
  const [missingChoice, setMissingChoice] = useState(false);
  const commentProblem = isProblem(decide.error) ? decide.error.fieldErrors.find((f) => f.field === 'comment') : undefined;

  if (decide.isSuccess && choice) {
    return (
      <Alert color="teal" variant="light" role="status" data-testid="link-outcome">
        <Text fw={600} c="teal.9">
          {t(`approvals.link.done.${choice}`)}
        </Text>
      </Alert>
    );
  }
  if (isProblem(decide.error, 404)) return <InvalidLink />;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!choice) return setMissingChoice(true);
        decide.mutate({ decision: choice, comment: comment.trim() });
      }}
    >
      <Stack gap="md">
        <Radio.Group
          label={t('approvals.link.decision')}
          required
          value={choice ?? ''}
          onChange={(v) => {
            setChoice(v as DecisionKind);
            setMissingChoice(false);
            decide.reset();
          }}
          error={missingChoice ? t('approvals.link.chooseFirst') : undefined}
        >
          <Stack gap="xs" mt="xs">
            {decisionKinds.map((d) => (
              <Radio key={d} value={d} label={t(`approvals.decide.${d}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('approvals.comment')}
          description={t('approvals.commentHint')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={commentProblem ? t('approvals.fieldError', { label: t('approvals.comment'), message: commentProblem.message }) : undefined}
        />
        {decide.error && !commentProblem && <ProblemAlert error={decide.error} />}
        <Button type="submit" loading={decide.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('approvals.link.confirm')}
        </Button>
        <Text size="xs" c="gray.7">
          {t('approvals.link.expires', { when: formatDue(link.expiresAt) })}
        </Text>
      </Stack>
    </form>
  );
}

export function ApprovalLinkPage({ token }: { token: string }) {
  const link = useApprovalLink(token);
  if (link.isPending) return <PageLoader />;
  if (link.isError) {
    return isProblem(link.error, 404) || isProblem(link.error, 400) ? <InvalidLink /> : <ProblemAlert error={link.error} onRetry={() => void link.refetch()} />;
  }
  const data = link.data;
  return (
    <Stack gap="lg">
      <Text size="sm" c="gray.8">
        {t('approvals.link.greeting', { name: data.approver.name })}
      </Text>
      <Summary link={data} />
      {data.step.status === 'pending' ? <LinkDecision token={token} link={data} /> : <Text size="sm">{t('approvals.link.notPending')}</Text>}
    </Stack>
  );
}

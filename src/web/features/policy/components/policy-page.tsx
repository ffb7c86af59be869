import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { usePolicies, usePolicyVersion, type PolicySource } from '../api/policies';
import { PolicyEditor } from './policy-editor';
import { PolicyHistory } from './policy-history';
import { PolicySimulator } from './policy-simulator';

/** The organisation policy: its source in an editor, a simulator beside it, and its versions below. */
export function PolicyPage({ canSave }: { canSave: boolean }) {
  const policies = usePolicies();
  const policy = policies.data?.find((p) => p.businessUnitId === null);
  const current = usePolicyVersion(policy?.id, policy?.currentVersion);
  const [draft, setDraft] = useState<PolicySource | null>(null);
  const [base, setBase] = useState<{ number: number; source: PolicySource } | null>(null);

  // Load the current version into the editor once, and again after a save makes a newer one current.
  useEffect(() => {
    if (!current.data || base?.number === current.data.number) return;
    const source = { format: current.data.format, source: current.data.source };
    setBase({ number: current.data.number, source });
    setDraft(source);
  }, [current.data, base?.number]);

  // Only the first load shows a loader: after a save the page stays, with the simulation and the saved message.
  if (policies.isPending || (policy && current.isPending && !base)) return <PageLoader />;
  const failed = policies.error ?? current.error;
  const text = draft ?? { format: 'yaml' as const, source: '' };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('policy.title')}</Title>
        <Text c="gray.8" size="sm" maw={900}>
          {t('policy.subtitle')}
        </Text>
      </div>
      {failed && <ProblemAlert error={failed} onRetry={() => void (policies.error ? policies.refetch() : current.refetch())} />}
      {!canSave && <Text size="sm">{t('policy.readOnly')}</Text>}
      {!policy && !failed && <Text size="sm">{t('policy.none')}</Text>}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
        <Paper withBorder p="md" radius="md" h="100%">
          <PolicyEditor
            value={text}
            onChange={setDraft}
            baseNumber={base?.number}
            dirty={!!base && (base.source.source !== text.source || base.source.format !== text.format)}
            onRevert={() => base && setDraft(base.source)}
            canSave={canSave}
          />
        </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder p="md" radius="md" h="100%">
          <PolicySimulator policy={text} />
        </Paper>
        </Grid.Col>
      </Grid>
      {policy && <PolicyHistory policy={policy} onUse={(source) => setDraft(source)} />}
    </Stack>
  );
}

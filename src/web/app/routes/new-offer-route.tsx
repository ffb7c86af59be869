import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { IntakeForm } from '../../features/intake/components/intake-form';
import { t } from '../../i18n/t';
import '../../features/intake/messages.en';
import { usePageTitle } from '../../lib/use-page-title';
import { paths } from '../../lib/paths';

export default function NewOfferRoute() {
  usePageTitle(t('intake.newTitle'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1} size="h2">
        {t('intake.newTitle')}
      </Title>
      <IntakeForm
        mode={{ kind: 'create' }}
        onCancel={() => navigate(paths.offers())}
        onSaved={(saved) => {
          void qc.invalidateQueries({ queryKey: ['offers'] });
          navigate(paths.offer(saved.id));
        }}
      />
    </Stack>
  );
}

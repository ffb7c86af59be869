import { Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { ProblemAlert } from '../../components/problem-alert';
import { IntakeForm } from '../../features/intake/components/intake-form';
import { journalKey } from '../../features/journal/api/journal';
import { offerKey, useOffer } from '../../features/offers/api/offer';
import type { OfferTerms } from '../../../flow/intake/offer-terms.schema';
import { t } from '../../i18n/t';
import '../../features/intake/messages.en';
import { usePageTitle } from '../../lib/use-page-title';
import { paths } from '../../lib/paths';

export default function EditOfferRoute() {
  const { id = '' } = useParams();
  const offer = useOffer(id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  usePageTitle(t('intake.editTitle'));

  if (offer.isPending) return <PageLoader />;
  if (offer.isError) return <ProblemAlert error={offer.error} onRetry={() => void offer.refetch()} />;
  const o = offer.data;
  // Only a draft can be edited; anything else is read on its detail page.
  if (o.status !== 'draft' || !o.terms) return <Navigate to={paths.offer(o.id)} replace />;
  // Only roles that write every term reach this page (the access map); their terms come whole.
  const terms = o.terms as OfferTerms;
  const candidateName = o.candidate.name ?? '';

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1} size="h2">
          {t('intake.editTitle')}
        </Title>
        <Text c="gray.7">{t('intake.editFor', { name: candidateName })}</Text>
      </div>
      <IntakeForm
        // A reload after a conflict brings a new row version: start the form again from it.
        key={o.rowVersion}
        mode={{
          kind: 'edit',
          offerId: o.id,
          rowVersion: o.rowVersion,
          candidateId: o.candidate.id,
          candidateName,
          requisitionId: o.requisitionId,
          terms,
        }}
        onCancel={() => navigate(paths.offer(o.id))}
        onReload={() => void offer.refetch()}
        onSaved={(saved) => {
          void qc.invalidateQueries({ queryKey: offerKey(saved.id) });
          void qc.invalidateQueries({ queryKey: ['offers', 'list'] });
          void qc.invalidateQueries({ queryKey: journalKey(saved.id) });
          navigate(paths.offer(saved.id));
        }}
      />
    </Stack>
  );
}

import { Grid, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { ProblemAlert } from '../../components/problem-alert';
import { approvalsKey } from '../../features/approvals/api/inbox';
import { ApprovalPlanPanel } from '../../features/approvals/components/approval-plan-panel';
import { canAskForChanges, canEditOffers, useMe } from '../../features/auth/api/me';
import { usePacketRules } from '../../features/documents/api/library';
import { packetsKey } from '../../features/documents/api/packets';
import { DocumentsPanel } from '../../features/documents/components/documents-panel';
import { deliveryKey } from '../../features/delivery/api/delivery';
import { DeliveryPanel } from '../../features/delivery/components/delivery-panel';
import { CloseoutPanel } from '../../features/closeout/components/closeout-panel';
import { VersionDiffPanel } from '../../features/negotiation/components/version-diff-panel';
import { JournalPanel } from '../../features/journal/components/journal-panel';
import { journalKey } from '../../features/journal/api/journal';
import { useOffer } from '../../features/offers/api/offer';
import { OfferDetail } from '../../features/offers/components/offer-detail';
import { t } from '../../i18n/t';
import '../../features/offers/messages.en';
import '../../i18n/shared.en';
import { usePageTitle } from '../../lib/use-page-title';
import { isProblem } from '../../lib/api-client';

/** The offer and its journal side by side: two features composed here, not inside each other. */
export default function OfferDetailRoute() {
  const { id = '' } = useParams();
  const offer = useOffer(id);
  const me = useMe().data;
  const qc = useQueryClient();
  usePageTitle(offer.data ? t('detail.pageTitle', { name: offer.data.candidate.name ?? t('offers.candidateHidden'), title: offer.data.title ?? '' }) : t('offers.title'));

  // Actions move the offer through approvals too (packet ready starts the packet steps).
  const refreshJournal = () => {
    void qc.invalidateQueries({ queryKey: journalKey(id) });
    void qc.invalidateQueries({ queryKey: approvalsKey });
  };
  const reload = () => {
    void offer.refetch();
    refreshJournal();
  };
  // With a template library the packet is generated and the offer moves on by itself; without one the
  // recruiter marks it ready. While the rules are unknown neither the button nor the wait is shown.
  const drafting = offer.data?.status === 'drafting';
  const canAct = canEditOffers(me);
  const rules = usePacketRules(drafting);
  const packetByHand = rules.data ? rules.data.length === 0 : rules.isError;
  // When the offer moves on by itself (the packet job, another person's decision), refresh what is composed around it.
  const lastStatus = useRef(offer.data?.status);
  useEffect(() => {
    const status = offer.data?.status;
    if (lastStatus.current === status) return;
    const before = lastStatus.current;
    lastStatus.current = status;
    if (before === undefined) return;
    void qc.invalidateQueries({ queryKey: journalKey(id) });
    void qc.invalidateQueries({ queryKey: approvalsKey });
    void qc.invalidateQueries({ queryKey: packetsKey(id) });
    void qc.invalidateQueries({ queryKey: deliveryKey(id) });
  }, [offer.data?.status, id, qc]);

  if (offer.isPending) return <PageLoader />;
  if (offer.isError) {
    const notFound = isProblem(offer.error, 404) || isProblem(offer.error, 400);
    return <ProblemAlert error={offer.error} detail={notFound ? t('error.offerNotFound') : undefined} onRetry={notFound ? undefined : reload} />;
  }
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <OfferDetail
          offer={offer.data}
          canAct={canAct}
          roles={me?.roles ?? []}
          onChanged={refreshJournal}
          onReload={reload}
          packetByHand={packetByHand}
          documents={(offer.data.status !== 'draft' || offer.data.currentVersion > 0) && <DocumentsPanel offerId={id} waiting={drafting && rules.isSuccess && !packetByHand} />}
          delivery={
            <>
              <CloseoutPanel offer={offer.data} myRoles={me?.roles ?? []} />
              <DeliveryPanel offer={offer.data} canAct={canAct} canAskChanges={canAskForChanges(me)} onReload={reload} />
              {offer.data.currentVersion >= 2 && <VersionDiffPanel offerId={id} currentVersion={offer.data.currentVersion} currency={offer.data.terms?.compensation?.currency ?? 'USD'} />}
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="lg">
          <ApprovalPlanPanel offerId={id} />
          <JournalPanel offerId={id} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

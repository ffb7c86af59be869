import { Button, Divider, Group, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { isProblem } from '../../../lib/api-client';
import type { Offer } from '../../offers/api/offer';
import { useChangeRequests, useDelivery, useSigning } from '../api/delivery';
import { ChangeRequestsList } from './change-requests-list';
import { DeliveryTracking } from './delivery-tracking';
import { SendOffer } from './send-offer';
import { SignaturesSection } from './signatures-section';
import { AnswerRequestsModal } from '../../negotiation/components/answer-requests-modal';
import { AskChangeModal } from '../../negotiation/components/ask-change-modal';

const withCandidate = ['sent', 'negotiating', 'signed'];
const shownFrom = ['approved', 'sent', 'negotiating', 'signed', 'accepted', 'handed_off', 'declined', 'expired', 'rescinded', 'withdrawn'];

/** Stages 5 to 7 on the offer page: send, follow the candidate's link, their answers, the signatures. */
export function DeliveryPanel({ offer, canAct, canAskChanges, onReload }: { offer: Offer; canAct: boolean; canAskChanges: boolean; onReload: () => void }) {
  const [dialog, setDialog] = useState<'answer' | 'ask' | null>(null);
  const shown = shownFrom.includes(offer.status);
  const live = withCandidate.includes(offer.status);
  const delivery = useDelivery(offer.id, live && shown);
  const changes = useChangeRequests(offer.id, live && shown);
  const signing = useSigning(offer.id, live && shown);
  if (!shown || delivery.isPending || isProblem(delivery.error, 403)) return null;
  if (offer.status === 'withdrawn' && !delivery.data?.sentAt) return null;

  const current = (signing.data?.signatures ?? []).filter((s) => s.versionNumber === offer.currentVersion);
  const needsCompanyFirst = signing.data?.countersignOrder === 'before' && signing.data.signatory !== null && !current.some((s) => s.signer === 'company');
  const currency = offer.terms?.compensation?.currency ?? 'USD';
  const openRequests = (changes.data ?? []).filter((r) => r.status === 'open');
  const canAnswer = canAct && offer.status === 'negotiating' && openRequests.length > 0;
  const canAsk = canAskChanges && (offer.status === 'sent' || offer.status === 'negotiating');

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="delivery-title" data-testid="delivery-panel">
      <Stack gap="sm">
        <Title order={2} size="h3" id="delivery-title">
          {t('delivery.title')}
        </Title>
        {offer.status === 'approved' && canAct && (
          <SendOffer
            offerId={offer.id}
            rowVersion={offer.rowVersion}
            candidateName={offer.candidate.name ?? t('offers.candidateHidden')}
            blockedBy={needsCompanyFirst ? t('delivery.blockedCountersign', { name: signing.data!.signatory!.name }) : null}
            onReload={onReload}
          />
        )}
        {delivery.isError && <ProblemAlert error={delivery.error} onRetry={() => void delivery.refetch()} />}
        {delivery.data && <DeliveryTracking delivery={delivery.data} />}
        {changes.data && changes.data.length > 0 && (
          <>
            <Divider />
            <ChangeRequestsList requests={changes.data} currency={currency} />
          </>
        )}
        {(canAnswer || canAsk) && (
          <Group gap="sm">
            {canAnswer && <Button onClick={() => setDialog('answer')}>{t('negotiation.answer')}</Button>}
            {canAsk && (
              <Button variant="default" onClick={() => setDialog('ask')}>
                {t('negotiation.askChange')}
              </Button>
            )}
          </Group>
        )}
        {dialog === 'answer' && (
          <AnswerRequestsModal offerId={offer.id} rowVersion={offer.rowVersion} terms={offer.terms ?? null} requests={openRequests} currency={currency} opened onClose={() => setDialog(null)} />
        )}
        {dialog === 'ask' && <AskChangeModal offerId={offer.id} terms={offer.terms ?? null} currency={currency} opened onClose={() => setDialog(null)} />}
        {signing.data && (
          <>
            <Divider />
            <SignaturesSection offerId={offer.id} rowVersion={offer.rowVersion} version={offer.currentVersion} signing={signing.data} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

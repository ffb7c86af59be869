import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { Offer } from '../api/offer';
import { CustomValuesView } from './custom-values-view';
import { OfferActions } from './offer-actions';
import { OfferHeader } from './offer-header';
import { OfferTermsView } from './offer-terms-view';

interface Props {
  offer: Offer;
  canAct: boolean;
  /** The caller's role names: the terms view lays itself out from the shared access map. */
  roles: readonly string[];
  onChanged: () => void;
  onReload: () => void;
  /** Shown under the header: the offer's documents, composed by the page. */
  documents?: ReactNode;
  /** Shown under the documents: sending, the candidate's answers and the signatures. */
  delivery?: ReactNode;
  /** See OfferActions: no template library, so the packet is marked ready by hand. */
  packetByHand: boolean;
}

export function OfferDetail({ offer, canAct, roles, onChanged, onReload, documents, delivery, packetByHand }: Props) {
  return (
    <Stack gap="lg">
      <OfferHeader offer={offer} />
      {canAct && (
        <section aria-label={t('detail.actions')}>
          <OfferActions offer={offer} onChanged={onChanged} onReload={onReload} packetByHand={packetByHand} />
        </section>
      )}
      {delivery}
      {documents}
      {offer.terms ? (
        <>
          <OfferTermsView terms={offer.terms} roles={roles} />
          {offer.customFields && <CustomValuesView fields={offer.customFields} values={offer.terms.custom ?? {}} currency={offer.terms.compensation?.currency ?? 'USD'} />}
        </>
      ) : (
        <Paper withBorder p="md">
          <Text>{t('detail.noTerms')}</Text>
        </Paper>
      )}
    </Stack>
  );
}

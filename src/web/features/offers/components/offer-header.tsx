import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { NegotiatingWhat } from '../../negotiation/components/negotiating-what';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { paths } from '../../../lib/paths';
import type { Offer } from '../api/offer';

function versionText(offer: Offer): string {
  if (offer.status !== 'draft') return t('detail.version.frozen', { number: offer.currentVersion });
  return offer.currentVersion === 0 ? t('detail.version.draft') : t('detail.version.draftOf', { number: offer.currentVersion + 1 });
}

export function OfferHeader({ offer }: { offer: Offer }) {
  const level = offer.terms?.level;
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={paths.offers()} size="sm">
        <span aria-hidden="true">← </span>
        {t('detail.backToOffers')}
      </Anchor>
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {offer.candidate.name ?? t('offers.candidateHidden')}
        </Title>
        <StatusBadge status={offer.status} size="lg" />
        {offer.status === 'negotiating' && <NegotiatingWhat offerId={offer.id} />}
      </Group>
      <Text size="lg" fw={500}>
        {level && offer.title ? t('detail.titleWithLevel', { title: offer.title, level }) : offer.title}
      </Text>
      <Text size="sm" c="gray.7">
        {versionText(offer)}
      </Text>
    </Stack>
  );
}

import { useDocumentTitle } from '@mantine/hooks';
import { canEditOffers, useMe } from '../../features/auth/api/me';
import { OffersPage } from '../../features/offers/components/offers-page';
import { t } from '../../i18n/t';

export default function OffersListRoute() {
  useDocumentTitle(`${t('offers.title')} · ${t('app.name')}`);
  const me = useMe().data;
  return <OffersPage canCreate={canEditOffers(me)} />;
}

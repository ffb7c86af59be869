import { canEditOffers, useMe } from '../../features/auth/api/me';
import { OffersPage } from '../../features/offers/components/offers-page';
import { t } from '../../i18n/t';
import '../../features/offers/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function OffersListRoute() {
  usePageTitle(t('offers.title'));
  const me = useMe().data;
  return <OffersPage canCreate={canEditOffers(me)} />;
}

import { useDocumentTitle } from '@mantine/hooks';
import { t } from '../i18n/t';

/** "Offers · Offerline": the tab and the history list name the screen first. */
export function usePageTitle(page: string) {
  useDocumentTitle(t('app.pageTitle', { page }));
}

// The charts' styles come with this screen's chunk only, as recharts does: the first download stays the shell's.
import '@mantine/charts/styles.css';
import { MetricsPage } from '../../features/metrics/components/metrics-page';
import { t } from '../../i18n/t';
import '../../features/metrics/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function MetricsRoute() {
  usePageTitle(t('metrics.title'));
  return <MetricsPage />;
}

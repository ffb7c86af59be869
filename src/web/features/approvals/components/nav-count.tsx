import { Badge, VisuallyHidden } from '@mantine/core';
import { t } from '../../../i18n/t';

/** The number of approvals waiting, beside the navigation link; read out as "2 waiting". */
export function NavCount({ count }: { count: number }) {
  return (
    <Badge size="sm" circle color="red.8" component="span">
      {count}
      <VisuallyHidden> {t('approvals.navCountHidden')}</VisuallyHidden>
    </Badge>
  );
}

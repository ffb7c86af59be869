import { BoardPage } from '../../features/board/components/board-page';
import { t } from '../../i18n/t';
import '../../features/board/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function BoardRoute() {
  usePageTitle(t('board.title'));
  return <BoardPage />;
}

import { ToneBadge } from '../../../components/tone-badge';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import type { SlaState } from './board-query';

const slaColors: Record<SlaState, string> = { ok: 'green', due_soon: 'yellow', breached: 'red' };

/** The approval SLA state in words on a tinted badge: the colour repeats the text, never replaces it. */
export function SlaBadge({ sla }: { sla: SlaState | null }) {
  if (!sla) return null;
  return (
    <ToneBadge color={slaColors[sla]} size="sm" data-sla={sla}>
      {t(`board.sla.${sla}` as MessageKey)}
    </ToneBadge>
  );
}

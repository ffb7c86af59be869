import { transition, type OfferEventType, type OfferStatus, type TransitionContext } from './lifecycle';

export interface TransitionRecord {
  event: OfferEventType;
  from: OfferStatus;
  to: OfferStatus;
  context?: TransitionContext;
}

export type ReplayResult = { ok: true; status: OfferStatus } | { ok: false; atIndex: number; reason: string };

/**
 * Rebuilds an offer's status from its journaled transitions by running each one
 * through the lifecycle again. Any record the lifecycle would not produce is
 * reported, so stored status and history can never silently disagree.
 */
export function replayStatus(records: TransitionRecord[]): ReplayResult {
  let status: OfferStatus = 'draft';
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.from !== status) return { ok: false, atIndex: i, reason: `recorded from "${r.from}" but the offer was "${status}"` };
    const moved = transition(status, r.event, r.context);
    if (!moved.ok) return { ok: false, atIndex: i, reason: `"${r.event}" is not allowed from "${status}"` };
    if (moved.to !== r.to) return { ok: false, atIndex: i, reason: `"${r.event}" leads to "${moved.to}", recorded "${r.to}"` };
    status = moved.to;
  }
  return { ok: true, status };
}

import { defaultDimensions, planOrganisation, type OrgDimensions } from './organisation';
import type { HistoryContext } from './offer-history';

export interface HistoryOptions {
  count: number;
  seed?: number;
  /** The end of the history (the generated "now"); nothing happens after it. */
  now?: Date;
  /** Years of history before `now` (4.5 by default). */
  years?: number;
  growth?: number;
  dimensions?: OrgDimensions;
  /** Organisation slug; e-mail addresses are @<slug>.example. */
  slug?: string;
}

/** The organisation and time span a generated history runs over. */
export function createHistoryContext(options: HistoryOptions): HistoryContext {
  const seed = options.seed ?? 20_261_125;
  const now = (options.now ?? new Date()).getTime();
  const years = options.years ?? 4.5;
  return {
    plan: planOrganisation(seed, options.dimensions ?? defaultDimensions, options.slug ?? 'generated'),
    from: now - Math.round(years * 365.25 * 86_400_000),
    now,
    count: options.count,
    seed,
    growth: options.growth ?? 3,
  };
}

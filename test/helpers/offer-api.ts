import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { OfferTermsInput } from '../../src/flow/intake/offer-terms.schema';
import type { OfferDto } from '../../src/offers/offers.schema';
import { csrfHeader, validTerms, type OrgFixture } from './factories';
import { TEST_NOW } from './test-app';

/** Thin wrappers over the offer endpoints, for tests that need offers to exist before the part they test. */
export function offerApi(app: FastifyInstance, cookie: string, fx: OrgFixture) {
  const headers = (ifMatch?: number | string) => ({ cookie, ...csrfHeader, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) });

  return {
    terms: (overrides: Partial<OfferTermsInput> = {}) => validTerms(fx, TEST_NOW, overrides),

    /** Creates a draft and fails the test unless it was created. */
    async createDraft(overrides: Partial<OfferTermsInput> = {}, body: { candidateId?: string } = {}): Promise<OfferDto> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/offers',
        headers: { cookie, ...csrfHeader },
        payload: { candidateId: body.candidateId ?? fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW, overrides) },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },

    putDraft: (id: string, ifMatch: number | string | undefined, overrides: Partial<OfferTermsInput> = {}) =>
      app.inject({ method: 'PUT', url: `/api/v1/offers/${id}/draft`, headers: headers(ifMatch), payload: { terms: validTerms(fx, TEST_NOW, overrides) } }),

    submit: (id: string, ifMatch: number | string | undefined) =>
      app.inject({ method: 'POST', url: `/api/v1/offers/${id}/submit`, headers: headers(ifMatch) }),

    event: (id: string, ifMatch: number | string | undefined, type: string, reason?: string) =>
      app.inject({ method: 'POST', url: `/api/v1/offers/${id}/events`, headers: headers(ifMatch), payload: { type, ...(reason ? { reason } : {}) } }),

    get: (id: string) => app.inject({ url: `/api/v1/offers/${id}`, headers: { cookie } }),

    async versions(id: string): Promise<{ number: number; terms: Record<string, unknown> }[]> {
      const res = await app.inject({ url: `/api/v1/offers/${id}/versions`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },

    async journal(id: string): Promise<{ seq: number; type: string; data: Record<string, unknown> }[]> {
      const res = await app.inject({ url: `/api/v1/offers/${id}/journal`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },

    async verify(id: string): Promise<{ ok: boolean; length: number; brokenAtSeq?: number; reason?: string }> {
      const res = await app.inject({ url: `/api/v1/offers/${id}/journal/verify`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
}

export type OfferApi = ReturnType<typeof offerApi>;

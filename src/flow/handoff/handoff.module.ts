import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { registerHandoffRoutes } from './handoff.routes';
import { createHandoffService, type HandoffEmitter } from './handoff.service';

export { startOnboardingOnMove } from './onboarding-start';

/** Contingencies, onboarding tasks, start date confirmation, the handoff and the HRIS export. */
export function registerHandoff(app: FastifyInstance, deps: { db: Db; clock: Clock; emit?: HandoffEmitter }) {
  registerHandoffRoutes(app, { handoff: createHandoffService(deps) });
}


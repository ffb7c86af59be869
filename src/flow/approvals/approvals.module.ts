import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import type { JobRunner } from '../../jobs/worker';
import type { TransitionHooks } from '../../offers/offer-events.service';
import type { Idempotent } from '../../server/idempotency';
import { createPolicyService } from '../policy/policy.service';
import { registerPolicyRoutes } from '../policy/policy.routes';
import { createApprovalHooks } from './approval-hooks';
import { createApprovalLinks } from './approval-links.service';
import type { NoticeSettings } from './approval-notices';
import { createApprovalTimers } from './approval-timers';
import { createApprovalsView } from './approvals-view.service';
import { registerApprovalLinkRoutes, registerApprovalRoutes } from './approvals.routes';
import { createDecisionsService } from './decisions.service';
import { createDelegationService } from './delegation.service';
import { createPolicyMigration } from './policy-migration.service';
import { createSimulationService } from './simulation.service';
import { ESCALATION_JOB, REMINDER_JOB } from './stage-activation';

interface ApprovalsDeps {
  db: Db;
  clock: Clock;
  notices: NoticeSettings;
}

/** Stages 2 and 4 in one place: the lifecycle hooks the spine needs, then routes and timers. */
export function createApprovals({ db, clock, notices }: ApprovalsDeps) {
  const hooks = createApprovalHooks({ clock, notices });

  function register(
    app: FastifyInstance,
    { idempotent, jobs, afterMove }: { idempotent: Idempotent; jobs: JobRunner; afterMove?: TransitionHooks['afterMove'] },
  ) {
    const policies = createPolicyService({ db, clock });
    const decisions = createDecisionsService({ db, clock, notices, afterMove });
    registerPolicyRoutes(app, { policies, simulation: createSimulationService({ db, policies }) });
    registerApprovalRoutes(app, {
      view: createApprovalsView({ db, clock }),
      decisions,
      delegation: createDelegationService({ db, clock }),
      migration: createPolicyMigration({ db, clock, notices }),
      idempotent,
    });
    registerApprovalLinkRoutes(app, { links: createApprovalLinks({ db, clock, decisions }) });
    const timers = createApprovalTimers({ db, clock, notices });
    jobs.register(REMINDER_JOB, timers.remind);
    jobs.register(ESCALATION_JOB, timers.escalate);
  }

  return { hooks, register };
}

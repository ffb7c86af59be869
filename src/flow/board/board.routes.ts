import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { boardRequestSchema, boardSchema } from './board.schema';
import { createBoardService } from './board.service';

export function registerBoard(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  const board = createBoardService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/board', {
    schema: {
      tags: ['board'],
      summary: 'Status board: open offers with what each waits on, since when, its SLA state and next action',
      description:
        'Only open offers the caller may see, in time-in-stage order (oldest first by default) with keyset paging. ' +
        "`counts.byStage` counts every open stage under all filters but `stage`. A candidate's name (and the owner of the candidate's next action) " +
        "is absent where the caller's roles may not read it. Ages are business hours in the caller's time zone, without weekends and holidays. " +
        'A bad parameter gets 400 problem+json naming it. Custom fields filter as `custom.<key>=<value>` (ranges as `custom.<key>.min` / `.max`) and add columns with `columns=custom.<key>,...`, ' +
        'exactly as on GET /api/v1/offers.',
      querystring: boardRequestSchema,
      response: { 200: boardSchema },
    },
    handler: (req) => board.board(requireActor(req), req.query),
  });
}

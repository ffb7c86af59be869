import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, TooManyRequestsError } from '../../core/errors';
import { fieldProblems, problem, type Problem } from '../problem';

/**
 * One mapper from any error to problem+json. Each error is logged once, here;
 * raw database errors and stack traces never reach a client.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const body = toProblem(err);
    if (body.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.code, status: body.status }, body.detail);
    if (err instanceof TooManyRequestsError) reply.header('retry-after', String(err.retryAfterSeconds));
    return reply.code(body.status).type('application/problem+json').send(body);
  });
}

/**
 * Errors the router raises before any route or hook runs (a badly
 * percent-encoded path, an overlong path parameter). Fastify answers them in its
 * own JSON shape echoing the path unless given this handler (`frameworkErrors`).
 */
export function sendFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const body =
    err.code === 'FST_ERR_BAD_URL'
      ? problem(400, 'invalid_request', 'The path is not validly percent-encoded.', [{ field: '(path)', message: 'is not validly percent-encoded' }])
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? problem(414, 'invalid_request', 'A path parameter is longer than this API accepts.', [{ field: '(path)', message: 'has a parameter that is too long' }])
        : toProblem(err);
  req.log.info({ code: body.code, status: body.status }, body.detail);
  // No hook runs before these answers, so the request id header is set here.
  return reply.code(body.status).header('x-request-id', req.id).type('application/problem+json').send(body);
}

/** The 404 for anything no route matches, as problem+json. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .type('application/problem+json')
    .send(problem(404, 'not_found', `There is nothing at ${req.method} ${req.url.split('?')[0]}.`));
}

export function toProblem(err: FastifyError): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.message, err.fields);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = fieldProblems(err.validation, err.validationContext);
    return problem(400, 'invalid_request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'malformed_json', 'The request body is not valid JSON.', [{ field: '(body)', message: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body_too_large', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_VALIDATION':
      return problem(400, 'invalid_request', err.message);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return problem(err.statusCode, 'invalid_request', err.message);
  }
  return problem(500, 'internal', 'Something went wrong on our side. It has been logged; please try again.');
}

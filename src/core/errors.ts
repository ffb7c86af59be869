/**
 * One error base with stable codes. The HTTP layer maps these to problem+json;
 * messages use product words and quote what the caller sent.
 */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `terms.compensation.baseSalaryCents`. */
  field: string;
  message: string;
}

export type ErrorCode =
  | 'invalid_request'
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'precondition_required'
  | 'unauthenticated'
  | 'forbidden'
  | 'transition_not_allowed'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'csrf_failed'
  | 'too_many_requests'
  | 'data_dir_locked';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidRequestError extends AppError {
  constructor(message: string, fields: FieldProblem[] = []) {
    super('invalid_request', 400, message, fields);
  }
}

/** The request was well-formed but breaks a business rule (dates, references). */
export class ValidationError extends AppError {
  constructor(fields: FieldProblem[], message = describeFields(fields)) {
    super('validation_failed', 422, message, fields);
  }
}

export class NotFoundError extends AppError {
  /** `detail` replaces the default wording where a reader needs to know why (an expired link). */
  constructor(what: string, id: string, detail?: string) {
    super('not_found', 404, detail ?? `No ${what} with id "${id}".`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(message: string) {
    super('precondition_required', 428, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, fields: FieldProblem[] = []) {
    super('forbidden', 403, message, fields);
  }
}

export class TransitionNotAllowedError extends AppError {
  constructor(
    readonly state: string,
    readonly event: string,
  ) {
    super('transition_not_allowed', 409, `An offer in state "${state}" cannot take the event "${event}".`);
  }
}

/** A cookie-authenticated write that a cross-site page could have sent. */
export class CsrfError extends AppError {
  constructor(message: string) {
    super('csrf_failed', 403, message);
  }
}

/** Too many attempts; the HTTP layer sends Retry-After from `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', 429, message);
  }
}

function describeFields(fields: FieldProblem[]): string {
  if (fields.length === 0) return 'The request breaks a rule.';
  return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
}

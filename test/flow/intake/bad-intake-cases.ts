import { addDays, isoDate } from '../../../src/core/dates';
import { validTerms, type OrgFixture } from '../../helpers/factories';
import { TEST_NOW } from '../../helpers/test-app';

/** Bodies are built loosely on purpose: most of them are malformed. */
type Body = Record<string, any>;

export interface BadIntakeCase {
  name: string;
  method: 'POST' | 'PUT';
  /** The JSON body to send, built from the fixtures of the two organisations. */
  body?: (ctx: CaseContext) => unknown;
  /** Sent as is instead of `body`. */
  raw?: string;
  contentType?: string;
  /** PUT only: the If-Match header; null leaves it out. Defaults to the draft's version. */
  ifMatch?: string | null;
  /** PUT only: another path id than the draft's. */
  offerId?: string;
  status: number;
  code: string;
  /** Dotted paths that errors[] must name. */
  fields?: string[];
}

export interface CaseContext {
  fx: OrgFixture;
  other: OrgFixture;
}

const today = isoDate(TEST_NOW);

/** A valid POST /api/v1/offers body with one edit applied. */
function create(edit: (b: Body, c: CaseContext) => void = () => {}) {
  return (c: CaseContext) => {
    const b: Body = { candidateId: c.fx.candidateId, requisitionId: c.fx.requisitionId, terms: validTerms(c.fx, TEST_NOW) };
    edit(b, c);
    return b;
  };
}

/** A valid PUT /api/v1/offers/:id/draft body with one edit applied to its terms. */
function draft(edit: (terms: Body, c: CaseContext) => void = () => {}) {
  return (c: CaseContext) => {
    const terms: Body = validTerms(c.fx, TEST_NOW);
    edit(terms, c);
    return { terms };
  };
}

const megabyte = 'x'.repeat(1024 * 1024);
const hourly = (t: Body) => {
  t.flsaStatus = 'non_exempt';
  t.compensation = { currency: 'USD', payBasis: 'hourly', hourlyRateCents: 45_00 };
};

const invalid = { status: 400, code: 'invalid_request' } as const;
const rule = { status: 422, code: 'validation_failed' } as const;
const post = 'POST' as const;
const put = 'PUT' as const;

export const badIntakeCases: BadIntakeCase[] = [
  // Missing and wrongly typed fields
  { name: 'missing candidateId', method: post, body: create((b) => delete b.candidateId), ...invalid, fields: ['candidateId'] },
  { name: 'missing terms.title', method: post, body: create((b) => delete b.terms.title), ...invalid, fields: ['terms.title'] },
  { name: 'missing terms.compensation', method: post, body: create((b) => delete b.terms.compensation), ...invalid, fields: ['terms.compensation'] },
  { name: 'money sent as a string', method: post, body: create((b) => (b.terms.compensation.baseSalaryCents = '18000000')), ...invalid, fields: ['terms.compensation.baseSalaryCents'] },
  { name: 'boolean sent as a string', method: post, body: create((b) => (b.terms.location.remote = 'yes')), ...invalid, fields: ['terms.location.remote'] },
  { name: 'terms sent as a string', method: post, body: create((b) => (b.terms = 'Backend Engineer')), ...invalid, fields: ['terms'] },
  { name: 'null terms', method: post, body: create((b) => (b.terms = null)), ...invalid, fields: ['terms'] },
  // Unknown fields
  { name: 'unknown top-level field', method: post, body: create((b) => (b.salary = 1)), ...invalid, fields: ['salary'] },
  { name: 'unknown field in terms', method: post, body: create((b) => (b.terms.foo = 'bar')), ...invalid, fields: ['terms.foo'] },
  { name: 'unknown nested field terms.compensation.foo', method: post, body: create((b) => (b.terms.compensation.foo = 1)), ...invalid, fields: ['terms.compensation.foo'] },
  // Money
  { name: 'negative base salary', method: post, body: create((b) => (b.terms.compensation.baseSalaryCents = -100)), ...invalid, fields: ['terms.compensation.baseSalaryCents'] },
  { name: 'negative sign-on bonus', method: post, body: create((b) => (b.terms.compensation.signOnBonusCents = -1)), ...invalid, fields: ['terms.compensation.signOnBonusCents'] },
  { name: 'fractional cents', method: post, body: create((b) => (b.terms.compensation.baseSalaryCents = 18_000_000.5)), ...invalid, fields: ['terms.compensation.baseSalaryCents'] },
  { name: 'implausibly large salary', method: post, body: create((b) => (b.terms.compensation.baseSalaryCents = 100_000_000_01)), ...invalid, fields: ['terms.compensation.baseSalaryCents'] },
  // Text limits and codes
  { name: '1 MB title (over the body limit)', method: post, body: create((b) => (b.terms.title = megabyte)), status: 413, code: 'body_too_large' },
  { name: '300-character title', method: post, body: create((b) => (b.terms.title = 't'.repeat(300))), ...invalid, fields: ['terms.title'] },
  { name: 'blank title', method: post, body: create((b) => (b.terms.title = '   ')), ...invalid, fields: ['terms.title'] },
  { name: 'NUL character in the title', method: post, body: create((b) => (b.terms.title = 'Backend\u0000Engineer')), ...invalid, fields: ['terms.title'] },
  { name: 'NUL character in a clause text', method: post, body: create((b) => (b.terms.clauses = [{ key: 'at_will', standard: false, text: 'at\u0000will' }])), ...invalid, fields: ['terms.clauses.0.text'] },
  { name: 'unknown state code', method: post, body: create((b) => (b.terms.location.state = 'ZZ')), ...invalid, fields: ['terms.location.state'] },
  { name: 'unknown currency', method: post, body: create((b) => (b.terms.compensation.currency = 'BTC')), ...invalid, fields: ['terms.compensation.currency'] },
  // Dates
  { name: 'impossible date 2027-02-30', method: post, body: create((b) => (b.terms.startDate = '2027-02-30')), ...invalid, fields: ['terms.startDate'] },
  { name: 'date in US format', method: post, body: create((b) => (b.terms.startDate = '04/15/2027')), ...invalid, fields: ['terms.startDate'] },
  { name: 'start date in the past', method: post, body: create((b) => ((b.terms.startDate = addDays(today, -30)), delete b.terms.expiresOn)), ...rule, fields: ['terms.startDate'] },
  { name: 'start date today', method: post, body: create((b) => ((b.terms.startDate = today), delete b.terms.expiresOn)), ...rule, fields: ['terms.startDate'] },
  { name: 'expiry after the start date', method: post, body: create((b) => (b.terms.expiresOn = addDays(b.terms.startDate, 1))), ...invalid, fields: ['terms.expiresOn'] },
  { name: 'expiry in the past', method: post, body: create((b) => (b.terms.expiresOn = addDays(today, -1))), ...rule, fields: ['terms.expiresOn'] },
  // Pay rules
  { name: 'hourly basis without an hourly rate', method: post, body: create((b) => (hourly(b.terms), delete b.terms.compensation.hourlyRateCents)), ...invalid, fields: ['terms.compensation.hourlyRateCents'] },
  { name: 'exempt role paid hourly', method: post, body: create((b) => (hourly(b.terms), (b.terms.flsaStatus = 'exempt'))), ...invalid, fields: ['terms.compensation.payBasis'] },
  { name: 'salary basis with an hourly rate', method: post, body: create((b) => (b.terms.compensation.hourlyRateCents = 90_00)), ...invalid, fields: ['terms.compensation.hourlyRateCents'] },
  { name: 'staffing bill rate below pay rate', method: post, body: create((b) => (b.terms.staffing = { clientName: 'Acme', payRateCents: 80_00, billRateCents: 70_00 })), ...invalid, fields: ['terms.staffing.billRateCents'] },
  { name: 'duplicate clause keys', method: post, body: create((b) => (b.terms.clauses = [{ key: 'at_will', standard: true }, { key: 'at_will', standard: false, text: 'Again' }])), ...invalid, fields: ['terms.clauses.1.key'] },
  { name: 'duplicate contingencies', method: post, body: create((b) => (b.terms.contingencies = ['references', 'references'])), ...invalid, fields: ['terms.contingencies'] },
  // References: another organisation's ids read as unknown, malformed ids are refused
  { name: "another organisation's candidateId", method: post, body: create((b, c) => (b.candidateId = c.other.candidateId)), ...rule, fields: ['candidateId'] },
  { name: "another organisation's requisitionId", method: post, body: create((b, c) => (b.requisitionId = c.other.requisitionId)), ...rule, fields: ['requisitionId'] },
  { name: "another organisation's departmentId", method: post, body: create((b, c) => (b.terms.departmentId = c.other.departmentId)), ...rule, fields: ['terms.departmentId'] },
  { name: "another organisation's managerId", method: post, body: create((b, c) => (b.terms.managerId = c.other.users.hiring_manager.id)), ...rule, fields: ['terms.managerId'] },
  { name: 'non-uuid candidateId', method: post, body: create((b) => (b.candidateId = 'ada-lovelace')), ...invalid, fields: ['candidateId'] },
  { name: 'non-uuid departmentId', method: post, body: create((b) => (b.terms.departmentId = '42')), ...invalid, fields: ['terms.departmentId'] },
  // Not a JSON object at all
  { name: 'malformed JSON', method: post, raw: '{"candidateId": "', contentType: 'application/json', status: 400, code: 'malformed_json', fields: ['(body)'] },
  { name: 'empty JSON body', method: post, raw: '', contentType: 'application/json', status: 400, code: 'malformed_json', fields: ['(body)'] },
  { name: 'no body at all', method: post, ...invalid, fields: ['(root)'] },
  { name: 'XML content-type', method: post, raw: '<offer/>', contentType: 'application/xml', status: 415, code: 'unsupported_media_type' },
  { name: 'plain-text content-type', method: post, raw: 'hire Ada', contentType: 'text/plain', ...invalid, fields: ['(root)'] },
  { name: 'terms nested 50,000 arrays deep', method: post, raw: `{"terms":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, contentType: 'application/json', ...invalid, fields: ['terms'] },
  { name: 'array instead of an object', method: post, body: (c) => [create()(c)], ...invalid, fields: ['(root)'] },

  // PUT /api/v1/offers/:id/draft
  { name: 'without If-Match', method: put, body: draft(), ifMatch: null, status: 428, code: 'precondition_required' },
  { name: 'with a malformed If-Match', method: put, body: draft(), ifMatch: 'version one', ...invalid, fields: ['If-Match'] },
  { name: 'with a non-uuid offer id', method: put, body: draft(), offerId: 'offer-1', ...invalid, fields: ['id'] },
  { name: 'with candidateId (not editable here)', method: put, body: (c) => ({ ...draft()(c), candidateId: c.fx.candidateId }), ...invalid, fields: ['candidateId'] },
  { name: 'with unknown nested field', method: put, body: draft((t) => (t.compensation.foo = 1)), ...invalid, fields: ['terms.compensation.foo'] },
  { name: 'with negative money', method: put, body: draft((t) => (t.compensation.baseSalaryCents = -1)), ...invalid, fields: ['terms.compensation.baseSalaryCents'] },
  { name: 'with a 1 MB string', method: put, body: draft((t) => (t.clauses = [{ key: 'notes', standard: false, text: megabyte }])), status: 413, code: 'body_too_large' },
  { name: 'with a 300-character title', method: put, body: draft((t) => (t.title = 't'.repeat(300))), ...invalid, fields: ['terms.title'] },
  { name: 'with an impossible date', method: put, body: draft((t) => (t.startDate = '2027-13-01')), ...invalid, fields: ['terms.startDate'] },
  { name: 'with a start date today', method: put, body: draft((t) => ((t.startDate = today), delete t.expiresOn)), ...rule, fields: ['terms.startDate'] },
  { name: 'with an exempt hourly role', method: put, body: draft((t) => (hourly(t), (t.flsaStatus = 'exempt'))), ...invalid, fields: ['terms.compensation.payBasis'] },
  { name: "with another organisation's departmentId", method: put, body: draft((t, c) => (t.departmentId = c.other.departmentId)), ...rule, fields: ['terms.departmentId'] },
  { name: "with another organisation's managerId", method: put, body: draft((t, c) => (t.managerId = c.other.users.hiring_manager.id)), ...rule, fields: ['terms.managerId'] },
  { name: 'with a NUL character in the level', method: put, body: draft((t) => (t.level = 'L\u00004')), ...invalid, fields: ['terms.level'] },
  { name: 'with null terms', method: put, body: () => ({ terms: null }), ...invalid, fields: ['terms'] },
  { name: 'with malformed JSON', method: put, raw: '{"terms": {', contentType: 'application/json', status: 400, code: 'malformed_json', fields: ['(body)'] },
  { name: 'with an array body', method: put, body: (c) => [draft()(c)], ...invalid, fields: ['(root)'] },
];

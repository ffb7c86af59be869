import type { FastifyInstance } from 'fastify';

/** A JSON Schema node as @fastify/swagger writes it from the zod route schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the generated OpenAPI document: every route the API declares. */
export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form, e.g. `/api/v1/offers/{id}/draft`. */
  path: string;
  /** `METHOD path`, the name used in test titles and tables. */
  name: string;
  pathParams: ApiParameter[];
  query: ApiParameter[];
  body: JsonSchema | null;
  bodyRequired: boolean;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation in the app's own OpenAPI document (the app must be ready). */
export function apiOperations(app: FastifyInstance): ApiOperation[] {
  const doc = app.swagger() as unknown as {
    paths: Record<string, Record<string, { parameters?: ApiParameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> } }>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const components = doc.components?.schemas ?? {};
  const resolve = (s: JsonSchema): JsonSchema => derefDeep(s, components, 0);
  const out: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const m of methods) {
      const op = item[m];
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => ({ ...p, required: !!p.required, schema: resolve(p.schema ?? {}) }));
      const json = op.requestBody?.content?.['application/json']?.schema;
      const method = m.toUpperCase() as ApiOperation['method'];
      out.push({
        method,
        path,
        name: `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: json ? resolve(json) : null,
        bodyRequired: !!op.requestBody?.required,
      });
    }
  }
  return out;
}

function derefDeep(s: JsonSchema, components: Record<string, JsonSchema>, depth: number): JsonSchema {
  if (depth > 20 || s === null || typeof s !== 'object') return s;
  if (s.$ref) {
    const target = components[s.$ref.split('/').pop()!];
    return target ? derefDeep(target, components, depth + 1) : {};
  }
  const copy: Record<string, unknown> = { ...s };
  if (s.properties) copy.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, derefDeep(v, components, depth + 1)]));
  if (s.items) copy.items = derefDeep(s.items, components, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (s[key]) copy[key] = s[key]!.map((v) => derefDeep(v, components, depth + 1));
  return copy as JsonSchema;
}

/** Fills `{name}` placeholders of an OpenAPI path. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeComponent(values[name]!);
  });
}

/** encodeURIComponent, with lone surrogates (which it refuses) sent as U+FFFD as browsers do. */
export function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/**
 * A small valid-looking value for a schema: required members only, the first
 * enum value, the smallest allowed number, a fixed UUID for uuid strings.
 */
export function sampleValue(s: JsonSchema, uuid = '00000000-0000-4000-8000-000000000000'): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sampleValue(alt.find((a) => a.type !== 'null') ?? alt[0]!, uuid);
  if (s.allOf?.length) return sampleValue(Object.assign({}, ...s.allOf) as JsonSchema, uuid);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const key of s.required ?? []) obj[key] = sampleValue(s.properties?.[key] ?? {}, uuid);
      return obj;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleValue(s.items ?? {}, uuid));
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return uuid;
      if (s.format === 'email') return 'nobody@example.test';
      if (s.format === 'date') return '2030-01-01';
      if (s.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.test/';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return null;
  }
}

import fc from 'fast-check';

/**
 * Hostile values for the fuzz test, as raw JSON text so that numbers JSON.stringify
 * cannot write (1e309, -0, integers past 2^53) reach the parser as sent.
 */
const raw = (...texts: string[]) => texts;

const hostileStrings = [
  '',
  ' ',
  'a'.repeat(5_000),
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '\u202eevil\u202c',
  '\u200f\u200e\u200b\ufeff',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  "' OR '1'='1' --",
  "1; DROP TABLE offers; --",
  "'); SELECT pg_sleep(5); --",
  '" UNION SELECT password_hash FROM users --',
  '\\',
  '%s%n%x',
  '${7*7}{{7*7}}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '00000000-0000-0000-0000-00000000000',
  '00000000-0000-4000-8000-0000000000000',
  'g0000000-0000-4000-8000-000000000000',
  ' 00000000-0000-4000-8000-000000000000',
  '00000000-0000-4000-8000-000000000000\u0000',
  '2027-02-30',
  '0000-00-00',
  '99999-01-01',
  '2027-01-01T25:00:00Z',
];

const hostileNumbers = raw('1e309', '-1e309', '-0', '0.0', '9007199254740993', '123456789012345678901234567890', '-1', '1.5', '1e-400', '2147483648', '-9223372036854775809');

const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

const hostileStructures = raw(
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '[null]',
  '[[],[[]]]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  deep(2_000, '[', ']'),
  deep(500, '{"a":', '}'),
  `[${Array.from({ length: 2_000 }, () => '0').join(',')}]`,
);

/** One hostile JSON value, as text. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileStructures) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 201, maxLength: 400 }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noDefaultInfinity: true, noNaN: true })).map((n) => JSON.stringify(n)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
);

/** Text for a path segment, query value or header: hostile, not necessarily valid. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 20_000 }).map((n) => 'z'.repeat(n)) },
);

/** Whole bodies that are not the JSON object the route wants. */
export const hostileBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '{"a" 1}',
    "{'a':1}",
    '{"a":1,}',
    '[1,2',
    'undefined',
    'NaN',
    '\u0000',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":"\\x41"}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    deep(100_000, '[', ']'),
    deep(30_000, '{"a":', '}'),
    `"${'b'.repeat(300 * 1024)}"`,
    `{"s":"${'c'.repeat(250 * 1024)}"}`,
  ),
  hostileJson,
);

export const hostileContentTypes = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/vnd.api+json',
  '*/*',
  'application/json, text/plain',
  'application/octet-stream',
];

/** Header values Node accepts (no control characters), but long or wrong. */
export const hostileHeaderValues: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '*', '"', '""', '"1', 'W/"1"', '"-1"', '"1e309"', '"9007199254740993"', '"0"', '"1", "2"', 'null', "' OR 1=1 --"),
  fc.integer({ min: 1_000, max: 64_000 }).map((n) => 'h'.repeat(n)),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 50 }),
);

/** Sets `value` (raw JSON text) at `path` in a copy of `base`, creating objects on the way. */
export function withRawAt(base: unknown, path: string[], value: string | undefined): string {
  const marker = '__fuzz_raw_value__';
  const copy = structuredClone(base ?? {}) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = marker;
  const text = JSON.stringify(copy);
  return value === undefined ? text : text.replace(`"${marker}"`, () => value);
}

/** Adds `"key": value` (value as raw JSON text) to the object at `path` in a copy of `base`. */
export function withRawKey(base: unknown, path: string[], key: string, value: string): string {
  const keyMarker = '__fuzz_raw_key__';
  const valueMarker = '__fuzz_raw_value__';
  const copy = structuredClone(base !== null && typeof base === 'object' ? base : {}) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const k of path) {
    if (node[k] === null || typeof node[k] !== 'object' || Array.isArray(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keyMarker] = valueMarker;
  return JSON.stringify(copy).replace(`"${keyMarker}":"${valueMarker}"`, () => `${JSON.stringify(key)}:${value}`);
}

import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/flow/documents/template-validate';
import { MAX_TEMPLATE_CHARS } from '../../../src/flow/documents/template-engine';

interface Broken {
  name: string;
  source: string;
  line: number;
  column: number;
  message: string | RegExp;
  field?: string;
}

const broken: Broken[] = [
  { name: 'unclosed tag', source: 'Dear {{ candidate.firstName }},\n\n{% if offer.hasEquity %}\nYou get equity.', line: 3, column: 1, message: '"{% if offer.hasEquity %}" is never closed: add {% endif %}' },
  { name: 'unclosed output', source: '# Offer\n\nYour title is {{ offer.title ', line: 3, column: 15, message: 'the output "{{ offer.title" is never closed: add }}' },
  { name: 'unknown tag', source: 'Hello\n  {% signature %}', line: 2, column: 3, message: 'unknown tag "signature"' },
  { name: 'unknown filter', source: 'Base: {{ offer.baseSalaryCents | currency }}', line: 1, column: 34, message: 'unknown filter "currency"' },
  { name: 'misspelled filter', source: '\n\n{{ offer.title | upcse }}', line: 3, column: 18, message: 'unknown filter "upcse" (did you mean "upcase"?)' },
  { name: 'filter missing an argument', source: 'Title: {{ offer.title | replace: "Senior" }}', line: 1, column: 25, message: 'the filter "replace" takes 2 arguments, not 1' },
  { name: 'filter given an argument it does not take', source: 'x\n{{ offer.title | upcase: 3 }}', line: 2, column: 18, message: 'the filter "upcase" takes no arguments, not 1' },
  { name: 'unknown field', source: 'Dear {{ candidate.nickname }},', line: 1, column: 9, message: 'unknown field "candidate.nickname"', field: 'candidate.nickname' },
  { name: 'misspelled field', source: 'Salary:\n{{ offer.basesalary }}', line: 2, column: 4, message: 'unknown field "offer.basesalary" (did you mean "offer.baseSalary"?)', field: 'offer.basesalary' },
  { name: 'misspelled group', source: '{{ candiate.firstName }}', line: 1, column: 4, message: 'unknown field "candiate.firstName" (did you mean "candidate.firstName"?)', field: 'candiate.firstName' },
  { name: 'for without endfor', source: '# Conditions\n{% for c in offer.contingencies %}\n- {{ c }}', line: 2, column: 1, message: '"{% for c in offer.contingencies %}" is never closed: add {% endfor %}' },
  { name: 'stray endif', source: 'Welcome.\n\n{% endif %}', line: 3, column: 1, message: '"{% endif %}" has no matching {% if %} before it' },
  { name: 'stray else', source: 'a {% else %} b', line: 1, column: 3, message: /"\{% else %\}" has no matching/ },
  { name: 'invalid operator', source: '{% if offer.remote === true %}Remote{% endif %}', line: 1, column: 23, message: /check the operator/ },
  { name: 'assignment instead of comparison', source: '\n{% if offer.state = "CA" %}x{% endif %}', line: 2, column: 20, message: /check the operator/ },
  { name: 'empty output', source: 'Hello {{ }}', line: 1, column: 10, message: /invalid value expression/ },
  { name: 'unclosed bracket', source: '{{ offer.contingencies[0 }}', line: 1, column: 25, message: /not closed/ },
  { name: 'a whole group printed', source: 'All: {{ offer }}', line: 1, column: 9, message: '"offer" is a group of fields; name one of them, e.g. "offer.title"', field: 'offer' },
  { name: 'property of a field', source: '{{ offer.startDate.year }}', line: 1, column: 4, message: 'unknown field "offer.startDate.year": "offer.startDate" has no "year"', field: 'offer.startDate.year' },
  { name: 'include of another file', source: 'x\n{% include "letterhead" %}', line: 2, column: 1, message: 'the tag "{% include %}" is not allowed: a template cannot load other templates or files' },
  { name: 'variable used before it is assigned', source: '{{ greeting }}\n{% assign greeting = "Hi" %}', line: 1, column: 4, message: 'unknown field "greeting"', field: 'greeting' },
];

describe('validateTemplate refuses broken templates with line and column', () => {
  it.each(broken)('$name', ({ source, line, column, message, field }) => {
    const result = validateTemplate(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [first] = result.problems;
    expect(first).toMatchObject({ line, column });
    if (typeof message === 'string') expect(first!.message).toBe(message);
    else expect(first!.message).toMatch(message);
    if (field) expect(first!.field).toBe(field);
  });

  it('reports every unknown field, in order', () => {
    const r = validateTemplate('{{ offer.titel }} and\n{{ candidate.fullname }} and {{ offer.title }}');
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 1, column: 4, message: 'unknown field "offer.titel" (did you mean "offer.title"?)', field: 'offer.titel' },
        { line: 2, column: 4, message: 'unknown field "candidate.fullname" (did you mean "candidate.fullName"?)', field: 'candidate.fullname' },
      ],
    });
  });

  it('refuses a template over the size limit', () => {
    const r = validateTemplate('x'.repeat(MAX_TEMPLATE_CHARS + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/limit is 100,000/);
  });
});

describe('validateTemplate accepts', () => {
  it('loop variables, assigns, captures and list properties, and lists the catalogue fields used', () => {
    const source = [
      '{% assign who = candidate.fullName | upcase %}{% capture when %}{{ offer.startDate }}{% endcapture %}',
      '{{ who }} starts {{ when }}.',
      '{% for c in offer.contingencies %}- {{ c | capitalize }} ({{ forloop.index }} of {{ offer.contingencies.size }})',
      '{% endfor %}{{ offer.contingencies[0] }} {{ offer.contingencies.first }} {{ offer.baseSalaryCents | money }}',
      '{% case offer.payBasis %}{% when "hourly" %}{{ offer.hourlyRate }}{% else %}{{ offer.baseSalary }}{% endcase %}',
      '{% unless offer.remote %}On site{% endunless %} {{ offer["title"] }} {{ offer.contingencies | and_list }}',
    ].join('\n');
    expect(validateTemplate(source)).toEqual({
      ok: true,
      fields: ['candidate.fullName', 'offer.baseSalary', 'offer.baseSalaryCents', 'offer.contingencies', 'offer.hourlyRate', 'offer.payBasis', 'offer.remote', 'offer.startDate', 'offer.title'],
    });
  });

  it('plain text with no tags at all', () => {
    expect(validateTemplate('# Notice\n\nNothing to merge.')).toEqual({ ok: true, fields: [] });
  });
});

describe('validateTemplate renders once with the catalogue examples', () => {
  it('refuses a runaway loop at save time, with its position', () => {
    const r = validateTemplate('# Offer\n\n{% for i in (1..100000000) %}{{ i }}{% endfor %}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/^The template needs too much memory to render/) });
  });

  it('refuses a loop that takes too long at save time', () => {
    const started = Date.now();
    const r = validateTemplate('{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/^The template (took too long to render \(over 250 ms\)|needs too much memory)/);
  });

  it('refuses output that would be too long', () => {
    const r = validateTemplate(`{% for i in (1..6000) %}${'Dear candidate, '.repeat(7)}{% endfor %}{{ offer.title }}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/with the example offer; a document may be at most 500,000/);
  });
});

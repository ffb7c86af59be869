import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateRenderError } from '../../../src/flow/documents/template-render';
import { validateTemplate } from '../../../src/flow/documents/template-validate';
import { context } from './template-fixtures';

const ctx = context();

async function renderOrError(source: string): Promise<string | TemplateRenderError> {
  try {
    return await renderTemplate(source, ctx);
  } catch (err) {
    if (err instanceof TemplateRenderError) return err;
    throw err;
  }
}

/** Whatever happens, nothing from outside the merge context shows up in the output. */
function expectNothingLeaked(result: string | TemplateRenderError) {
  const text = typeof result === 'string' ? result : result.message;
  expect(text).not.toMatch(/function|native code|\[object|root:|HOME|PATH|\/bin|node_modules|Object\]/);
}

describe('templates cannot reach outside the merge context', () => {
  const escapes = [
    '{{ process }}',
    '{{ process.env.HOME }}',
    '{{ process.mainModule }}',
    '{{ global }}{{ globalThis }}{{ require }}',
    '{{ offer.title.constructor }}',
    '{{ offer.title.constructor.constructor }}',
    '{{ "".constructor.constructor }}',
    '{{ offer.__proto__ }}',
    '{{ offer["__proto__"]["constructor"] }}',
    '{{ offer.contingencies.constructor }}',
    '{{ offer.hasOwnProperty }}',
    '{{ offer.toString }}',
    '{% assign f = offer.title.constructor %}{{ f.name }}',
    '{{ offer.contingencies | map: "constructor" }}',
  ];

  it.each(escapes)('%s is refused at save time and renders nothing from outside', async (source) => {
    expect(validateTemplate(source).ok).toBe(false);
    const result = await renderOrError(source);
    expectNothingLeaked(result);
    if (typeof result === 'string') expect(result.trim()).toBe('');
  });

  it('puts no environment variable into the output', async () => {
    const home = process.env.HOME ?? '/root';
    const out = await renderOrError('{{ env.HOME }}{{ environment.HOME }}{{ ENV.HOME }}');
    expect(typeof out === 'string' ? out : out.message).not.toContain(home);
  });

  it.each([
    ['include', '{% include "/etc/passwd" %}'],
    ['include (relative)', "{% include '../../package.json' %}"],
    ['render', '{% render "/etc/passwd" %}'],
    ['layout', '{% layout "/etc/hosts" %}body'],
    ['block', '{% block x %}y{% endblock %}'],
  ])('cannot load files with {%% %s %%}', async (_tag, source) => {
    const v = validateTemplate(source);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems[0]!.message).toMatch(/is not allowed: a template cannot load other templates or files/);
    const result = await renderOrError(source);
    expect(result).toBeInstanceOf(TemplateRenderError);
    expect((result as TemplateRenderError).reason).toBe('invalid_template');
    expect((result as TemplateRenderError).message).not.toMatch(/root:|localhost/);
  });
});

describe('limits', () => {
  it('stops a runaway loop at the limit with a clear error', async () => {
    const result = await renderOrError('{% for i in (1..100000000) %}{{ i }} {% endfor %}');
    expect(result).toBeInstanceOf(TemplateRenderError);
    const err = result as TemplateRenderError;
    expect(err.reason).toBe('memory_limit');
    expect(err.message).toMatch(/^The template needs too much memory to render \(line 1, column 1\)/);
    expect(err.code).toBe('validation_failed');
  });

  it('stops a loop that runs too long', async () => {
    const started = Date.now();
    const result = await renderOrError('{% for i in (1..5000) %}{% for j in (1..5000) %}x{% endfor %}{% endfor %}');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toBeInstanceOf(TemplateRenderError);
    const err = result as TemplateRenderError;
    expect(['time_limit', 'memory_limit']).toContain(err.reason);
    if (err.reason === 'time_limit') expect(err.message).toMatch(/^The template took too long to render \(over 1000 ms\)/);
  });

  it('stops text that keeps doubling', async () => {
    const result = await renderOrError('{% assign s = "abcdefghij" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}');
    expect(result).toBeInstanceOf(TemplateRenderError);
    expect((result as TemplateRenderError).reason).toBe('memory_limit');
  });

  it('refuses output over the document size limit', async () => {
    const result = await renderOrError('{% for i in (1..6000) %}' + 'x'.repeat(100) + '{% endfor %}');
    expect(result).toBeInstanceOf(TemplateRenderError);
    expect((result as TemplateRenderError).reason).toBe('output_limit');
    expect((result as TemplateRenderError).message).toMatch(/a document may be at most 500,000/);
  });

  it('refuses a template over the size limit before parsing it', async () => {
    const result = await renderOrError('y'.repeat(100_001));
    expect((result as TemplateRenderError).reason).toBe('template_size');
  });

  it('keeps merge values from adding markup', async () => {
    const out = await renderTemplate('{{ candidate.firstName }}', context(undefined, {
      candidate: { firstName: '**Bold**\n# Heading\n---page---', lastName: 'X', email: 'x@example.com', city: null, state: null },
    }));
    expect(out).not.toContain('\n');
    expect(out).not.toContain('**');
  });
});

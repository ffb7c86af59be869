import { describe, expect, it } from 'vitest';
import { parseMarkup, type DocumentFrame } from '../../../src/flow/documents/document-model';
import { blocksToHtml, escapeHtml } from '../../../src/flow/documents/html-preview';
import { renderTemplate } from '../../../src/flow/documents/template-render';
import { offerLetterExempt } from '../../../src/flow/documents/sample-templates';
import { context } from './template-fixtures';

const frame = (over: Partial<DocumentFrame> = {}): DocumentFrame => ({
  title: 'Offer letter',
  letterhead: { organizationName: 'Northwind Labs, Inc.', addressLines: ['1 Market St', 'San Francisco, CA 94105'] },
  signatures: { candidateName: 'Lena Park', signatoryName: 'Morgan Reyes', signatoryTitle: 'VP, People' },
  createdAt: new Date('2026-11-25T00:00:00Z'),
  ...over,
});

describe('blocksToHtml', () => {
  it('lays out headings, paragraphs, bold, lists, page breaks and signatures', () => {
    const html = blocksToHtml(parseMarkup('# Offer\n\n## Pay\n\nBase is **$185,000.00** a year.\n\n- one\n- two\n\n---page---\n\nMore.'), frame());
    expect(html).toContain('<h1 class="ol-doc-h1">Offer</h1>');
    expect(html).toContain('<h2 class="ol-doc-h2">Pay</h2>');
    expect(html).toContain('<p class="ol-doc-p">Base is <strong>$185,000.00</strong> a year.</p>');
    expect(html).toContain('<ul class="ol-doc-list"><li class="ol-doc-li">one</li><li class="ol-doc-li">two</li></ul>');
    expect(html).toContain('class="ol-doc-page-break"');
    expect(html).toContain('Northwind Labs, Inc.');
    expect(html).toContain('San Francisco, CA 94105');
    expect(html).toContain('Morgan Reyes');
    expect(html).toContain('Lena Park');
    const classes = [...html.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1]!.split(' '));
    expect(classes.every((c) => c === 'ol-doc' || c.startsWith('ol-doc-'))).toBe(true);
  });

  it('leaves out signature blocks for a notice nobody signs', () => {
    expect(blocksToHtml(parseMarkup('# Notice'), frame({ signatures: null }))).not.toContain('<section class="ol-doc-signatures"');
  });

  it('shows the logo inline, never from a URL', () => {
    const html = blocksToHtml([], frame({ letterhead: { organizationName: 'N', addressLines: [], logoPng: Buffer.from([137, 80, 78, 71]) } }));
    expect(html).toContain('src="data:image/png;base64,iVBORw=="');
  });

  it('escapes every piece of text: a candidate named <script> renders as text', async () => {
    const evil = '<script>alert("x")</script>';
    const ctx = context(undefined, {
      candidate: { firstName: evil, lastName: '<img src=x onerror=alert(1)>', email: 'e@example.com', city: null, state: null },
      organization: { name: 'A & B "Co" <b>', city: null, state: null },
    });
    const markup = await renderTemplate(offerLetterExempt, ctx);
    const html = blocksToHtml(
      parseMarkup(markup),
      frame({
        title: '<title>',
        letterhead: { organizationName: 'A & B "Co" <b>', addressLines: ['<i>street</i>'] },
        signatures: { candidateName: `${evil} <img src=x onerror=alert(1)>`, signatoryName: '<u>', signatoryTitle: "O'Brien" },
      }),
    );
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<u>|<title>/);
    expect(html).toContain('Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(html).toContain('A &amp; B &quot;Co&quot; &lt;b&gt;');
    expect(html).toContain('O&#39;Brien');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(?!\/?(article|style|header|div|img class="ol-doc-logo"|p|h1|h2|ul|li|strong|section|span)\b)/);
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

import type { DocBlock, DocumentFrame, Inline } from './document-model';

/**
 * The HTML preview of one document: the same blocks the PDF lays out, as a self-contained
 * fragment (its own small style sheet, no scripts, no external resources). Every piece of text
 * is escaped, so a merge value can never become markup. Class names start with `ol-doc-`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const inline = (parts: Inline[]) =>
  parts.map((p) => (p.bold ? `<strong>${escapeHtml(p.text)}</strong>` : escapeHtml(p.text))).join('');

const style = `<style>
.ol-doc{font-family:Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fff;max-width:46rem;margin:0 auto;padding:2.5rem 3rem;line-height:1.5;font-size:11pt}
.ol-doc-letterhead{display:flex;align-items:center;gap:1rem;border-bottom:1px solid #ccc;padding-bottom:.75rem;margin-bottom:1.5rem}
.ol-doc-logo{max-height:3rem;max-width:10rem}
.ol-doc-org{font-weight:bold;font-size:1.1rem}
.ol-doc-address{font-size:.85rem;color:#555}
.ol-doc-title{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#555;margin:0 0 1rem}
.ol-doc h1.ol-doc-h1{font-size:1.35rem;margin:1.25rem 0 .5rem}
.ol-doc h2.ol-doc-h2{font-size:1.1rem;margin:1rem 0 .4rem}
.ol-doc-p{margin:0 0 .8rem}
.ol-doc-list{margin:0 0 .8rem 1.25rem;padding:0}
.ol-doc-page-break{border-top:2px dashed #999;margin:2rem 0;text-align:center}
.ol-doc-page-break-label{display:inline-block;position:relative;top:-.7rem;background:#fff;padding:0 .5rem;font:.75rem sans-serif;color:#777}
.ol-doc-signatures{display:flex;gap:3rem;margin-top:2.5rem}
.ol-doc-signature{flex:1}
.ol-doc-signature-line{border-bottom:1px solid #333;height:2.5rem;margin-bottom:.3rem}
.ol-doc-signature-name{font-weight:bold}
.ol-doc-signature-detail{font-size:.85rem;color:#555}
</style>`;

function block(b: DocBlock): string {
  switch (b.type) {
    case 'heading':
      return b.level === 1 ? `<h1 class="ol-doc-h1">${inline(b.text)}</h1>` : `<h2 class="ol-doc-h2">${inline(b.text)}</h2>`;
    case 'paragraph':
      return `<p class="ol-doc-p">${inline(b.text)}</p>`;
    case 'list':
      return `<ul class="ol-doc-list">${b.items.map((i) => `<li class="ol-doc-li">${inline(i)}</li>`).join('')}</ul>`;
    case 'page_break':
      return '<div class="ol-doc-page-break" role="separator" aria-label="Page break"><span class="ol-doc-page-break-label">new page</span></div>';
  }
}

function signature(label: string, name: string, detail: string): string {
  return (
    `<div class="ol-doc-signature"><div class="ol-doc-signature-line"></div>` +
    `<div class="ol-doc-signature-name">${escapeHtml(name)}</div>` +
    `<div class="ol-doc-signature-detail">${escapeHtml(detail)}</div>` +
    `<div class="ol-doc-signature-detail">${escapeHtml(label)}</div>` +
    `<div class="ol-doc-signature-detail">Date: ____________</div></div>`
  );
}

export function blocksToHtml(blocks: DocBlock[], frame: DocumentFrame): string {
  const lh = frame.letterhead;
  const logo = lh.logoPng?.length
    ? `<img class="ol-doc-logo" alt="${escapeHtml(lh.organizationName)} logo" src="data:image/png;base64,${lh.logoPng.toString('base64')}">`
    : '';
  const letterhead =
    `<header class="ol-doc-letterhead">${logo}<div><div class="ol-doc-org">${escapeHtml(lh.organizationName)}</div>` +
    lh.addressLines.map((l) => `<div class="ol-doc-address">${escapeHtml(l)}</div>`).join('') +
    `</div></header>`;
  const s = frame.signatures;
  const signatures = s
    ? `<section class="ol-doc-signatures">${signature(`For ${lh.organizationName}`, s.signatoryName, s.signatoryTitle)}${signature('Accepted and agreed', s.candidateName, 'Candidate')}</section>`
    : '';
  return (
    `<article class="ol-doc" lang="en">${style}${letterhead}` +
    `<p class="ol-doc-title">${escapeHtml(frame.title)}</p>` +
    blocks.map(block).join('\n') +
    signatures +
    `</article>`
  );
}

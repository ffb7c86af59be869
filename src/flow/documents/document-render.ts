import type { OfferTerms } from '../intake/offer-terms.schema';
import { fillDocx } from './docx-fill';
import { blocksToText, parseMarkup, type DocBlock, type DocumentFrame } from './document-model';
import { buildMergeContext } from './field-catalogue';
import type { MergeSources } from './merge-input.repo';
import { renderPdfWithFields } from './pdf-layout';
import { renderTemplate } from './template-render';

export interface TemplateForRender {
  key: string;
  name: string;
  kind: string;
  format: string;
  versionNumber: number;
  source: string | null;
  docx: Buffer | null;
}

export interface RenderedDocument {
  bytes: Buffer;
  mediaType: 'application/pdf' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  /** The blocks the PDF was laid out from, for the HTML preview; null for Word documents. */
  blocks: DocBlock[] | null;
  /** Plain text, for diffs between versions. */
  text: string;
  signatureFields: unknown[];
}

export interface RenderSubject {
  terms: OfferTerms;
  versionNumber: number;
  sources: MergeSources;
  /** Clause titles and bodies from the library, by key. */
  clauseLibrary: ReadonlyMap<string, { title: string; body: string }>;
  today: string;
  createdAt: Date;
  /** The version's custom values formatted for a letter (merge-input.repo.ts loadCustomMerge). */
  custom?: Readonly<Record<string, string | number>>;
}

export function mergeContextOf(s: RenderSubject): Record<string, unknown> {
  return buildMergeContext({
    terms: s.terms,
    versionNumber: s.versionNumber,
    candidate: s.sources.candidate,
    requisition: s.sources.requisition ? { code: s.sources.requisition.code, title: s.sources.requisition.title } : null,
    organization: s.sources.organization,
    signatory: { name: s.sources.letterhead.signatoryName, title: s.sources.letterhead.signatoryTitle },
    departmentName: s.sources.departmentName,
    managerName: s.sources.managerName,
    today: s.today,
    custom: s.custom ?? {},
  });
}

/** The offer's clauses as text after the letter: the library's wording, or the offer's own where it was edited. */
export function clauseBlocks(terms: OfferTerms, library: RenderSubject['clauseLibrary']): DocBlock[] {
  if (!terms.clauses.length) return [];
  const blocks: DocBlock[] = [{ type: 'heading', level: 2, text: [{ text: 'Additional terms', bold: false }] }];
  for (const clause of terms.clauses) {
    const known = library.get(clause.key);
    blocks.push({ type: 'paragraph', text: [{ text: known?.title ?? clause.key.replace(/_/g, ' '), bold: true }] });
    for (const para of (clause.text ?? known?.body ?? '').split(/\n\s*\n/)) {
      if (para.trim()) blocks.push({ type: 'paragraph', text: [{ text: para.replace(/\s+/g, ' ').trim(), bold: false }] });
    }
  }
  return blocks;
}

export function frameOf(template: Pick<TemplateForRender, 'name' | 'kind'>, s: RenderSubject, logoPng?: Buffer): DocumentFrame {
  const lh = s.sources.letterhead;
  return {
    title: template.name,
    letterhead: { organizationName: s.sources.organization.name, addressLines: lh.addressLines, ...(logoPng ? { logoPng } : {}) },
    // Notices are acknowledged separately; letters and addenda are signed by both sides.
    signatures:
      template.kind === 'notice'
        ? null
        : { candidateName: `${s.sources.candidate.firstName} ${s.sources.candidate.lastName}`, signatoryName: lh.signatoryName, signatoryTitle: lh.signatoryTitle },
    createdAt: s.createdAt,
  };
}

/** One template filled for one offer version: a PDF from Liquid, or a filled .docx from Word. */
export async function renderDocument(template: TemplateForRender, s: RenderSubject, logoPng?: Buffer): Promise<RenderedDocument> {
  const context = mergeContextOf(s);
  if (template.format === 'docx') {
    const bytes = fillDocx(template.docx!, context);
    return { bytes, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', blocks: null, text: '', signatureFields: [] };
  }
  const markup = await renderTemplate(template.source ?? '', context);
  const blocks = [...parseMarkup(markup), ...(template.kind === 'letter' ? clauseBlocks(s.terms, s.clauseLibrary) : [])];
  const { pdf, signatureFields } = await renderPdfWithFields(blocks, frameOf(template, s, logoPng));
  return { bytes: pdf, mediaType: 'application/pdf', blocks, text: blocksToText(blocks), signatureFields };
}

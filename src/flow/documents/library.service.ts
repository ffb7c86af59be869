import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import type { ObjectStore } from '../../storage/object-store';
import { inspectDocx } from './docx-fill';
import { catalogueByPath, fieldCatalogue } from './field-catalogue';
import * as repo from './library.repo';
import { orgCustomCatalogue } from './merge-input.repo';
import { ruleMatchSchema, type RuleMatch } from './packet-selection';
import { validateTemplate } from './template-validate';

export const templateKinds = ['letter', 'addendum', 'notice'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** Admins and legal write the library (legal owns clause wording); recruiting roles read it. */
function requireEditor(actor: Actor) {
  if (!holdsOrgWide(actor, 'admin') && !holdsOrgWide(actor, 'legal')) {
    throw new ForbiddenError('Only organisation admins and legal change templates, clauses and packet rules.');
  }
}

const readers = new Set(['admin', 'legal', 'recruiter', 'hrbp', 'finance', 'hiring_manager']);
export function requireLibraryReader(actor: Actor) {
  if (!actor.roles.some((g) => readers.has(g.role))) throw new ForbiddenError('Your role does not read the document library.');
}

/** The document library: clauses, templates (Liquid or Word) with versions, and packet rules. */
export function createLibraryService({ db, clock, store }: { db: Db; clock: Clock; store: ObjectStore }) {
  async function listClauses(actor: Actor) {
    requireLibraryReader(actor);
    return (await repo.listClauses(db, actor.orgId)).map((c) => ({
      key: c.key,
      title: c.title,
      body: c.body,
      appliesTo: c.appliesTo as RuleMatch,
      version: c.currentVersion,
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  async function saveClause(actor: Actor, key: string, input: { title: string; body: string; appliesTo: RuleMatch }) {
    requireEditor(actor);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const current = await repo.lockClause(tx, actor.orgId, key);
      const set = { title: input.title, body: input.body, appliesTo: input.appliesTo, updatedAt: now };
      if (current) await repo.updateClause(tx, current, set, actor.userId);
      else await repo.insertClause(tx, { id: randomUUID(), orgId: actor.orgId, key, ...set, createdAt: now }, actor.userId);
    });
    return (await listClauses(actor)).find((c) => c.key === key)!;
  }

  async function listTemplates(actor: Actor) {
    requireLibraryReader(actor);
    return (await repo.listTemplates(db, actor.orgId)).map(({ template, version }) => ({
      key: template.key,
      name: template.name,
      kind: template.kind as TemplateKind,
      format: template.format as 'liquid' | 'docx',
      version: template.currentVersion,
      fields: (version?.fields as string[] | undefined) ?? [],
      updatedAt: (version?.createdAt ?? template.createdAt).toISOString(),
    }));
  }

  async function getTemplate(actor: Actor, key: string) {
    const template = await repo.findTemplate(db, actor.orgId, key);
    if (!template) throw new NotFoundError('template', key);
    requireLibraryReader(actor);
    const versions = await repo.listTemplateVersions(db, actor.orgId, template.id);
    const current = versions[0]!;
    return {
      key: template.key,
      name: template.name,
      kind: template.kind as TemplateKind,
      format: template.format as 'liquid' | 'docx',
      version: template.currentVersion,
      source: current.source,
      fields: current.fields as string[],
      versions: versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString() })),
    };
  }

  /** Saves a Liquid template's next version; refused with line, column and field when it does not check. */
  async function saveTemplate(actor: Actor, key: string, input: { name: string; kind: TemplateKind; source: string }) {
    requireEditor(actor);
    const checked = validateTemplate(input.source, await orgCustomCatalogue(db, actor.orgId));
    if (!checked.ok) {
      throw new ValidationError(checked.problems.map((p) => ({ field: 'source', message: `line ${p.line}, column ${p.column}: ${p.message}` })));
    }
    await saveVersion(actor, key, { ...input, format: 'liquid' }, { source: input.source, docxSha256: null, fields: checked.fields });
    return getTemplate(actor, key);
  }

  /** Saves a Word template: every {placeholder} must be a catalogue field. */
  async function saveDocxTemplate(actor: Actor, key: string, input: { name: string; kind: TemplateKind; file: Buffer }) {
    requireEditor(actor);
    const custom = (await orgCustomCatalogue(db, actor.orgId)).map((c) => c.path);
    const checked = inspectDocx(input.file, new Set([...catalogueByPath.keys(), ...custom]));
    if (!checked.ok) throw new ValidationError(checked.problems.map((p) => ({ field: 'file', message: p.message })));
    const stored = await store.put(input.file);
    await repo.recordStoredObject(db, { sha256: stored.sha256, size: stored.size, mediaType: DOCX, createdAt: clock.now() });
    await saveVersion(actor, key, { ...input, format: 'docx' }, { source: null, docxSha256: stored.sha256, fields: checked.fields });
    return getTemplate(actor, key);
  }

  async function saveVersion(
    actor: Actor,
    key: string,
    meta: { name: string; kind: TemplateKind; format: 'liquid' | 'docx' },
    content: { source: string | null; docxSha256: string | null; fields: string[] },
  ) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const template =
        (await repo.lockTemplate(tx, actor.orgId, key)) ??
        (await repo.insertTemplate(tx, { id: randomUUID(), orgId: actor.orgId, key, name: meta.name, kind: meta.kind, format: meta.format, createdAt: now }));
      await repo.insertTemplateVersion(
        tx,
        { id: randomUUID(), orgId: actor.orgId, templateId: template.id, number: template.currentVersion + 1, ...content, createdBy: actor.userId, createdAt: now },
        meta,
      );
    });
  }

  /** Every merge field a template of this organisation may use: the built-in catalogue, then its custom fields. */
  async function listFields(actor: Actor) {
    requireLibraryReader(actor);
    return { builtIn: [...fieldCatalogue], custom: await orgCustomCatalogue(db, actor.orgId) };
  }

  async function listRules(actor: Actor) {
    requireLibraryReader(actor);
    return (await repo.listPacketRules(db, actor.orgId)).map((r) => ({ id: r.id, templateKey: r.templateKey, description: r.description, match: r.match as RuleMatch }));
  }

  /** Replaces the ordered rule list; each rule must name an existing template. */
  async function saveRules(actor: Actor, rules: { templateKey: string; description: string; match: RuleMatch }[]) {
    requireEditor(actor);
    const known = new Set((await repo.listTemplates(db, actor.orgId)).map((t) => t.template.key));
    const problems = rules.flatMap((r, i) =>
      known.has(r.templateKey) ? [] : [{ field: `rules.${i}.templateKey`, message: `no template with key "${r.templateKey}"` }],
    );
    if (problems.length) throw new ValidationError(problems);
    const now = clock.now();
    await db.transaction((tx) =>
      repo.replacePacketRules(
        tx,
        actor.orgId,
        rules.map((r, position) => ({ id: randomUUID(), orgId: actor.orgId, position, templateKey: r.templateKey, description: r.description, match: ruleMatchSchema.parse(r.match), createdAt: now })),
      ),
    );
    return listRules(actor);
  }

  return { listClauses, saveClause, listTemplates, getTemplate, saveTemplate, saveDocxTemplate, listFields, listRules, saveRules };
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type LibraryService = ReturnType<typeof createLibraryService>;

import type { Database, Queryable } from '../db/openDatabase.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { requireInside } from '../auth/access.ts';

export interface ProposalRow {
  id: number; name: string; industries: string[]; notes: string; status: 'proposal' | 'approved'; villages: string[];
  created_by: string; created_at: string; updated_at: string; version: number;
}
const COLUMNS = 'id, name, industries, notes, status, villages, created_by, created_at::text, updated_at::text, version';

/** Who makes a change, for the audit trail; the area (code prefix) it may act in, and its role. */
interface Actor { actorId: number; actor: string; ip: string; area: string; role: string }

export function listProposals(db: Queryable): Promise<ProposalRow[]> {
  return db.query<ProposalRow>(`SELECT ${COLUMNS} FROM park_proposals ORDER BY id`);
}

/** One proposal, else a 404. */
export async function getProposal(db: Queryable, id: number): Promise<ProposalRow> {
  const [row] = await db.query<ProposalRow>(`SELECT ${COLUMNS} FROM park_proposals WHERE id = $1`, [id]);
  if (!row) throw new NotFoundError(`id: no park proposal ${id}`);
  return row;
}

export interface NewProposal { name: string; villages: string[]; industries?: string[]; notes?: string }

/** Saves a proposal and audits it, together; the villages (checked and ordered by the caller) are stored as given. */
export function createProposal(db: Database, by: Actor, p: NewProposal): Promise<ProposalRow> {
  for (const v of p.villages) requireInside(by.area, v, `village ${v}`);
  return db.transaction(async (tx) => {
    const [r] = await tx.query<ProposalRow>(`INSERT INTO park_proposals (name, industries, notes, villages, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [p.name, p.industries ?? [], p.notes ?? '', p.villages, by.actor]);
    await writeAudit(tx, { ...by, action: 'proposal.create', entity: 'park_proposal', entityId: String(r.id), areaCode: p.villages[0], after: { name: r.name, villages: r.villages, industries: r.industries } });
    return r;
  });
}

export interface ProposalEdit { name?: string; industries?: string[]; notes?: string; status?: 'proposal' | 'approved' }

/** Edits a proposal or approves it based on its version, and audits it, together. */
export function updateProposal(db: Database, by: Actor, id: number, version: number, changes: ProposalEdit): Promise<ProposalRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.query<ProposalRow>(`SELECT ${COLUMNS} FROM park_proposals WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) throw new NotFoundError(`id: no park proposal ${id}`);
    // Approving is a decision for a leader or an administrator whose area holds every village;
    // the text is its author's, or an administrator's, to change.
    for (const v of before.villages) requireInside(by.area, v, `park proposal ${id} (village ${v})`);
    const editsText = changes.name !== undefined || changes.industries !== undefined || changes.notes !== undefined;
    if (editsText && before.created_by !== by.actor && by.role !== 'admin') {
      throw new ForbiddenError(`park proposal ${id} is ${before.created_by}'s: only its author or an administrator may edit it`);
    }
    if (changes.status !== undefined && changes.status !== before.status && by.role !== 'leader' && by.role !== 'admin') {
      throw new ForbiddenError(`park proposal ${id}: approving or reopening is for a leader or an administrator, not a ${by.role}`);
    }
    if (before.version !== version) throw new ConflictError(`park proposal ${before.id} was changed since version ${version}; it is now version ${before.version}`, before);
    const [r] = await tx.query<ProposalRow>(
      `UPDATE park_proposals SET name = coalesce($2, name), industries = coalesce($3, industries), notes = coalesce($4, notes), status = coalesce($5, status),
         version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [before.id, changes.name ?? null, changes.industries ?? null, changes.notes ?? null, changes.status ?? null]);
    await writeAudit(tx, { ...by, action: changes.status === 'approved' && before.status !== 'approved' ? 'proposal.approve' : 'proposal.update',
      entity: 'park_proposal', entityId: String(r.id), areaCode: r.villages[0],
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, (before as unknown as Record<string, unknown>)[k]])), after: changes });
    return r;
  });
}

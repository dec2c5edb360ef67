import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import { writeAudit } from '../../audit/writeAudit.ts';
import { checkDate, DateParam } from '../progressParams.ts';
import { PROBLEM_SELECT as SELECT, listProblems } from '../../lists/listProblems.ts';
import { requireArea } from '../requireArea.ts';

const Problem = Type.Object({
  id: Type.Integer(), areaCode: Type.String(), areaName: Type.String(), description: Type.String(), raisedAt: Type.String(), owner: Type.String(),
  dueDate: Type.String(), status: Type.Union([Type.Literal('open'), Type.Literal('closed')]), closedAt: Type.Union([Type.String(), Type.Null()]),
  resolution: Type.String(), version: Type.Integer(),
  carriedOver: Type.Boolean({ description: 'raised at an earlier meeting and still open at this one' }),
  overdue: Type.Boolean({ description: 'open past its due date at the meeting date' }),
});

type ProblemRow = Static<typeof Problem>;
/** The problem list (问题清单): raised at a meeting, carried over to every later one until closed. */
export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.get('/api/problems', {
    schema: {
      summary: 'The problems on a meeting\'s list: raised on or before it and not closed before it (signed in)',
      tags: ['lists'],
      querystring: Type.Object({
        meeting: Type.Optional(DateParam),
        area: Type.Optional(AreaCode),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { default: 'all' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(Problem), ...protectedResponses },
    },
  }, async (request) => {
    app.requirePermission(request, 'aggregates');
    const meeting = request.query.meeting ? checkDate('meeting', request.query.meeting) : new Date().toISOString().slice(0, 10);
    const status = request.query.status ?? 'all';
    return listProblems<ProblemRow>(app.db, meeting, request.query.area ?? '', status);
  });

  app.post('/api/problems', {
    schema: {
      summary: 'Raise a problem at a meeting, with its owner and due date (leaders and administrators; audited)',
      tags: ['lists'],
      body: Type.Object({
        areaCode: AreaCode, description: Type.String({ minLength: 1, maxLength: 2000 }), raisedAt: DateParam,
        owner: Type.String({ minLength: 1, maxLength: 40, description: 'who will act' }), dueDate: DateParam,
      }, { additionalProperties: false }),
      response: { 201: Problem, ...protectedResponses },
    },
  }, async (request, reply) => {
    const p = app.requirePermission(request, 'lists:write');
    const b = request.body;
    const raisedAt = checkDate('raisedAt', b.raisedAt);
    const dueDate = checkDate('dueDate', b.dueDate);
    if (dueDate < raisedAt) throw new BadRequestError(`dueDate: ${dueDate} is before the meeting that raised it (${raisedAt})`);
    if (!b.owner.trim()) throw new BadRequestError('owner: a problem needs someone who will act on it');
    await requireArea(app.db, 'areaCode', b.areaCode, 'written');
    const row = await app.db.transaction(async (tx) => {
      const [{ id }] = await tx.query<{ id: number }>(
        `INSERT INTO problems (area_code, description, raised_at, owner, due_date, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [b.areaCode, b.description, raisedAt, b.owner.trim(), dueDate, p.username]);
      await writeAudit(tx, { actorId: p.id, actor: p.username, ip: request.ip, action: 'problem.create', entity: 'problem', entityId: String(id), areaCode: b.areaCode, after: b });
      const [r] = await tx.query<ProblemRow>(`${SELECT} WHERE p.id = $2`, [raisedAt, id]);
      return r;
    });
    return reply.status(201).send(row);
  });

  app.patch('/api/problems/:id', {
    schema: {
      summary: 'Edit or close a problem, based on its version; closing needs the date and the resolution (leaders and administrators; audited)',
      tags: ['lists'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        owner: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        dueDate: Type.Optional(DateParam),
        description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
        close: Type.Optional(Type.Object({ closedAt: DateParam, resolution: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
      }, { additionalProperties: false, minProperties: 2 }),
      response: { 200: Problem, 409: Type.Ref('ErrorResponse'), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'lists:write');
    const { version, close, ...changes } = request.body;
    return app.db.transaction(async (tx) => {
      const [before] = await tx.query<{ id: number; raised_at: string; due_date: string; status: string; version: number; area_code: string; owner: string; description: string }>(
        'SELECT id, raised_at::text, due_date::text, status, version, area_code, owner, description FROM problems WHERE id = $1 FOR UPDATE', [request.params.id]);
      if (!before) throw new NotFoundError(`id: no problem ${request.params.id}`);
      if (before.version !== version) throw new ConflictError(`problem ${before.id} was changed since version ${version}; it is now version ${before.version}`, before);
      const due = changes.dueDate ? checkDate('dueDate', changes.dueDate) : before.due_date;
      if (due < before.raised_at) throw new BadRequestError(`dueDate: ${due} is before the meeting that raised it (${before.raised_at})`);
      if (changes.owner !== undefined && !changes.owner.trim()) throw new BadRequestError('owner: a problem needs someone who will act on it');
      if (close) {
        if (before.status === 'closed') throw new BadRequestError(`close: problem ${before.id} is already closed`);
        if (checkDate('close.closedAt', close.closedAt) < before.raised_at) throw new BadRequestError(`close.closedAt: ${close.closedAt} is before the problem was raised (${before.raised_at})`);
      }
      await tx.query(
        `UPDATE problems SET owner = coalesce($2, owner), due_date = $3, description = coalesce($4, description),
           status = CASE WHEN $5::date IS NULL THEN status ELSE 'closed' END, closed_at = coalesce($5::date, closed_at),
           resolution = coalesce($6, resolution), version = version + 1, updated_at = now() WHERE id = $1`,
        [before.id, changes.owner?.trim() ?? null, due, changes.description ?? null, close?.closedAt ?? null, close?.resolution ?? null]);
      await writeAudit(tx, { actorId: p.id, actor: p.username, ip: request.ip, action: close ? 'problem.close' : 'problem.update', entity: 'problem', entityId: String(before.id),
        areaCode: before.area_code, before: { owner: before.owner, due_date: before.due_date, status: before.status }, after: request.body });
      const [r] = await tx.query<ProblemRow>(`${SELECT} WHERE p.id = $2`, [close?.closedAt ?? before.raised_at, before.id]);
      return r;
    });
  });
};

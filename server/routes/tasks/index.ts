import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { checkDate, DateParam, SpecialtyParam } from '../progressParams.ts';
import { createTask, listTasks, updateTask } from '../../lists/taskQueries.ts';
import { requireArea } from '../../areas/areaQueries.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Task = Type.Object({
  id: Type.Integer(), month: Type.String(), phase: Type.String(), areaCode: Type.String(), areaName: Type.String(), specialty: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(), department: Type.String(), responsible: Type.String(), dueDate: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]), version: Type.Integer(),
  overdue: Type.Boolean({ description: 'open past its due date (today)' }),
});

/** The monthly task and responsibility list (任务清单、责任清单): each task with its department and responsible person. */
export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => new Date().toISOString().slice(0, 10);

  app.get('/api/tasks', {
    schema: {
      summary: 'Tasks of a month (or all), under an area, of a specialty (signed in); overdue as of `asOf` (default today)',
      tags: ['lists'],
      querystring: Type.Object({
        month: Type.Optional(Month), area: Type.Optional(AreaCode), specialty: Type.Optional(SpecialtyParam),
        asOf: Type.Optional({ ...DateParam, description: 'the meeting date that decides what is overdue; default today' }),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(Task), ...protectedResponses },
    },
  }, async (request) => {
    app.requirePermission(request, 'aggregates');
    const q = request.query;
    return listTasks(app.db, q.asOf ? checkDate('asOf', q.asOf) : today(), q.month ?? null, q.area ?? '', q.specialty ?? null);
  });

  app.post('/api/tasks', {
    schema: {
      summary: 'Add a task to a month\'s list (leaders and administrators; audited); the campaign phase follows from the month',
      tags: ['lists'],
      body: Type.Object({
        month: Month, areaCode: AreaCode, specialty: Type.Optional(SpecialtyParam),
        title: Type.String({ minLength: 1, maxLength: 200 }), department: Type.String({ minLength: 1, maxLength: 80 }),
        responsible: Type.String({ minLength: 1, maxLength: 40 }), dueDate: DateParam,
      }, { additionalProperties: false }),
      response: { 201: Task, ...protectedResponses },
    },
  }, async (request, reply) => {
    const b = request.body;
    const p = app.requirePermission(request, 'lists:write', b.areaCode);
    const month = checkDate('month', `${b.month}-01`);
    const due = checkDate('dueDate', b.dueDate);
    if (due < month) throw new BadRequestError(`dueDate: ${due} is before the task's month ${b.month}`);
    if (!b.responsible.trim()) throw new BadRequestError('responsible: a task needs a responsible person');
    await requireArea(app.db, 'areaCode', b.areaCode, 'written');
    const row = await createTask(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode }, b, today());
    return reply.status(201).send(row);
  });

  app.patch('/api/tasks/:id', {
    schema: {
      summary: 'Edit a task or mark it done, based on its version (leaders and administrators; audited)',
      tags: ['lists'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        responsible: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        dueDate: Type.Optional(DateParam),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])),
      }, { additionalProperties: false, minProperties: 2 }),
      response: { 200: Task, 409: Type.Ref('ErrorResponse'), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'lists:write');
    return updateTask(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode }, request.params.id, request.body, today());
  });
};

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, featureCollection, protectedResponses } from '../../schemas.ts';
import { getHousehold, listHouseholds, updateHousehold } from '../../households/householdService.ts';
import { householdCountsByVillage, householdGrid, householdPoints } from '../../households/householdLayer.ts';
import { GRID_CELLS } from '../../domain/householdGrid.ts';
import { checkDate, DateParam } from '../progressParams.ts';
import { BadRequestError, ForbiddenError } from '../../errors.ts';
import { can } from '../../auth/access.ts';
import { isWithin } from '../../domain/areaCodes.ts';
import { listScope } from '../../areas/listScope.ts';
import { rootPrefix } from '../../areas/rootArea.ts';
import { requireArea } from '../../areas/areaQueries.ts';

const Household = Type.Object({
  id: Type.String(), village_code: Type.String(), lon: Type.Union([Type.Number(), Type.Null()]), lat: Type.Union([Type.Number(), Type.Null()]),
  size: Type.Integer(), labour_count: Type.Integer(), employed_members: Type.Integer(), income_per_capita: Type.Integer(),
  poverty_cause: Type.String(), status: Type.String(), food_clothing: Type.Boolean(), education: Type.Boolean(), medical: Type.Boolean(),
  housing: Type.Boolean(), medical_insurance: Type.Boolean(), needs_relocation: Type.Boolean(), needs_renovation: Type.Boolean(),
  exit_date: Type.Union([Type.String(), Type.Null()]), head_name: Type.String(), phone: Type.String(), version: Type.Integer(), synthetic: Type.Boolean(),
}, { $id: 'Household', description: 'A household record: personal data, for roles that may read it in their area' });

const HouseholdId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });

export const householdRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(Household);

  app.get('/api/households/layer', {
    schema: {
      summary: 'The households map layer inside an area (default the root area): exact points (no personal fields) for roles that may read household records, inside their area; otherwise counts per village at its label point, small counts hidden from the public',
      tags: ['households'],
      querystring: Type.Object({
        area: Type.Optional({ ...AreaCode, description: 'only the households inside this area; default the root area (a province\'s are asked for one city or smaller at a time)' }),
      }, { additionalProperties: false }),
      response: {
        200: featureCollection(Type.Object({
          kind: Type.Union([Type.Literal('household'), Type.Literal('village')]),
          id: Type.String(), villageCode: Type.String(), scattered: Type.Boolean({ description: '插花式: outside the poverty villages' }),
          households: Type.Integer(), people: Type.Integer(), poor: Type.Integer(), exited: Type.Integer(), atRisk: Type.Integer(),
        })),
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const p = request.principal;
    const area = request.query.area;
    if (area) await requireArea(app.db, 'area', area);
    if (can(p, 'households:read') && p.kind === 'user') {
      // The narrower of the two: the area asked for (else the root) and the account's own.
      // Without an area an account outside the root (a city account under another root) sees its own.
      const root = rootPrefix(app.root);
      const asked = area ?? (isWithin(p.areaCode, root) || isWithin(root, p.areaCode) ? root : p.areaCode);
      if (!isWithin(asked, p.areaCode) && !isWithin(p.areaCode, asked)) throw new ForbiddenError(`area: ${asked} is outside your area (${p.areaCode})`);
      const fc = await householdPoints(app.db, listScope(app.root, asked.length > p.areaCode.length ? asked : p.areaCode, 'village', 'area'));
      return reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-store').send(fc);
    }
    const scope = listScope(app.root, area, 'village', 'area');
    const min = request.minHouseholds ?? 1;
    return reply.type('application/json; charset=utf-8').send(await householdCountsByVillage(app.db, min, scope));
  });

  app.get('/api/households/grid', {
    schema: {
      summary: 'Households counted in square cells of longitude and latitude inside an area (default the root area): the public density layer; cells of fewer households than the public minimum are left out for the public, and coarser cells are sums of the finest cells shown',
      tags: ['households'],
      querystring: Type.Object({
        cell: Type.Union(GRID_CELLS.map((c) => Type.Literal(c)), { description: `the cell size in degrees, one of ${GRID_CELLS.join(', ')}` }),
        area: Type.Optional({ ...AreaCode, description: 'only the households inside this area; default the root area (a province\'s are asked for one city or smaller at a time)' }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          cell: Type.Number({ description: 'the cell size in degrees' }),
          min: Type.Integer({ description: 'the fewest households a finest cell must hold to be counted (1: none left out)' }),
          columns: Type.Array(Type.String(), { description: 'what each cell\'s numbers are' }),
          cells: Type.Array(Type.Array(Type.Integer()), { description: 'cell i, j covers longitude i·cell to (i+1)·cell and latitude j·cell to (j+1)·cell' }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { area, cell } = request.query;
    if (area) await requireArea(app.db, 'area', area);
    const scope = listScope(app.root, area, 'village', 'area');
    const min = request.minHouseholds ?? 1;
    const cells = await householdGrid(app.db, min, scope, cell);
    return { cell, min, columns: ['i', 'j', 'households', 'poor', 'atRisk', 'exited'], cells };
  });

  app.get('/api/households', {
    schema: {
      summary: 'Household records inside your area, paged and filtered (clerks and administrators)',
      tags: ['households'],
      querystring: Type.Object({
        area: Type.Optional(AreaCode),
        status: Type.Optional(Type.Union([Type.Literal('poor'), Type.Literal('exited'), Type.Literal('at_risk')])),
        q: Type.Optional(Type.String({ maxLength: 40, description: 'an id, or part of the head of household\'s name' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), households: Type.Array(Type.Ref('Household')) }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'households:read');
    const { area, status, q } = request.query;
    if (area && !area.startsWith(p.areaCode) && !p.areaCode.startsWith(area)) throw new ForbiddenError(`area: ${area} is outside your area ${p.areaCode}`);
    const page = request.query.page ?? 1;
    const pageSize = request.query.pageSize ?? 50;
    const { total, rows } = await listHouseholds(app.db, { scope: p.areaCode, area, status, q, page, pageSize });
    return { total, page, pageSize, households: rows };
  });

  app.get('/api/households/:id', {
    schema: {
      summary: 'One household record inside your area',
      tags: ['households'],
      params: Type.Object({ id: HouseholdId }),
      response: { 200: Type.Ref('Household'), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'households:read');
    return getHousehold(app.db, request.params.id, p.areaCode);
  });

  app.patch('/api/households/:id', {
    schema: {
      summary: 'Edit a household record (clerks, inside their area): based on a version; an exit must meet the standard or be overridden with a reason',
      tags: ['households'],
      params: Type.Object({ id: HouseholdId }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1, description: 'the version the edit is based on' }),
        effectiveDate: Type.Optional(DateParam),
        changes: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('poor'), Type.Literal('exited'), Type.Literal('at_risk')])),
          income_per_capita: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000000 })),
          food_clothing: Type.Optional(Type.Boolean()), education: Type.Optional(Type.Boolean()), medical: Type.Optional(Type.Boolean()),
          housing: Type.Optional(Type.Boolean()), medical_insurance: Type.Optional(Type.Boolean()),
          employed_members: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
          relocated: Type.Optional(Type.Boolean()), renovated: Type.Optional(Type.Boolean()),
          head_name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          phone: Type.Optional(Type.String({ pattern: '^[0-9+ -]{5,20}$' })),
        }, { additionalProperties: false, minProperties: 1 }),
        override: Type.Optional(Type.Object({ reason: Type.String({ minLength: 10, maxLength: 2000 }) }, { additionalProperties: false })),
        backdateReason: Type.Optional(Type.String({ minLength: 10, maxLength: 2000, description: 'why an edit is dated into a week already shown in a meeting (then required; the edit is flagged)' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Ref('Household'),
        409: Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String(), current: Type.Ref('Household') }),
        422: Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String(), reasons: Type.Array(Type.String()) }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'households:write');
    const { version, changes, override, backdateReason } = request.body;
    const today = new Date().toISOString().slice(0, 10);
    const effectiveDate = request.body.effectiveDate ? checkDate('effectiveDate', request.body.effectiveDate) : today;
    // A change dated in the future would sit above every later edit and block them all.
    if (effectiveDate > today) throw new BadRequestError(`effectiveDate: ${effectiveDate} is after today (${today}); a change cannot take effect in the future`);
    return updateHousehold(app.db, p, request.ip, request.params.id, { version, effectiveDate, changes, override, backdateReason });
  });
};

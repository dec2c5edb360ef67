import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MultiPolygon, Polygon } from 'geojson';
import { zipSync, strToU8 } from 'fflate';
import { protectedResponses, VillageCode } from '../../schemas.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import { measureSelection, type SelectionMeasures } from '../../parks/measureSelection.ts';
import { writeAudit } from '../../audit/writeAudit.ts';
import { toKml } from '../../export/toKml.ts';
import { writePolygonShapefile } from '../../export/writePolygonShapefile.ts';

const Villages = Type.Array(VillageCode, { minItems: 1, maxItems: 50, uniqueItems: true });
const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const Measures = Type.Object({
  villages: Type.Array(Type.String()), pieces: Type.Array(Type.Array(Type.String())), contiguous: Type.Boolean(), unionParts: Type.Integer(),
  outline: Type.Unknown({ description: 'GeoJSON geometry of the union' }), areaHa: Type.Number(), areaMu: Type.Number(),
  povertyVillages: Type.Integer(), povertyHouseholds: Type.Integer(), scatteredHouseholds: Type.Integer(), people: Type.Integer(),
  projects: Type.Integer(), parks: Type.Integer(), nearestLineM: Type.Union([Type.Number(), Type.Null()]),
});
const Proposal = Type.Object({
  id: Type.Integer(), name: Type.String(), industries: Type.Array(Type.String()), notes: Type.String(),
  status: Type.Union([Type.Literal('proposal'), Type.Literal('approved')]), villages: Type.Array(Type.String()),
  createdBy: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), version: Type.Integer(),
  measures: Measures,
});

interface Row { id: number; name: string; industries: string[]; notes: string; status: 'proposal' | 'approved'; villages: string[]; created_by: string; created_at: string; updated_at: string; version: number }
const COLUMNS = 'id, name, industries, notes, status, villages, created_by, created_at::text, updated_at::text, version';

export const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const checkVillages = async (codes: string[]) => {
    const rows = await app.db.query<{ code: string }>(`SELECT code FROM areas WHERE level = 'village' AND code = ANY($1::text[])`, [codes]);
    const known = new Set(rows.map((r) => r.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new BadRequestError(`villages: no village with code ${unknown.join(', ')}`);
  };
  const toProposal = (r: Row, measures: SelectionMeasures) => ({
    id: r.id, name: r.name, industries: r.industries, notes: r.notes, status: r.status, villages: r.villages, createdBy: r.created_by,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version, measures,
  });
  const withMeasures = async (r: Row) => toProposal(r, await measureSelection(app.db, r.villages));
  const load = async (id: number) => {
    const [row] = await app.db.query<Row>(`SELECT ${COLUMNS} FROM park_proposals WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError(`id: no park proposal ${id}`);
    return row;
  };

  app.post('/api/parks/measure', {
    schema: {
      summary: 'Measures of a selection of villages (planners): contiguity and its pieces, the union outline, area, households reached, projects and parks touched, the nearest road',
      tags: ['parks'],
      body: Type.Object({ villages: Villages }, { additionalProperties: false }),
      response: { 200: Measures, ...protectedResponses },
    },
  }, async (request) => {
    app.requirePermission(request, 'parks:plan');
    await checkVillages(request.body.villages);
    return measureSelection(app.db, request.body.villages);
  });

  app.get('/api/parks/proposals', {
    schema: { summary: 'Saved park proposals with their measures, for comparing side by side (planners)', tags: ['parks'], response: { 200: Type.Array(Proposal), ...protectedResponses } },
  }, async (request) => {
    app.requirePermission(request, 'parks:plan');
    const rows = await app.db.query<Row>(`SELECT ${COLUMNS} FROM park_proposals ORDER BY id`);
    return Promise.all(rows.map(withMeasures));
  });

  app.post('/api/parks/proposals', {
    schema: {
      summary: 'Save a selection as a park proposal (planners; audited). The villages must be contiguous.',
      tags: ['parks'],
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 80 }), villages: Villages,
        industries: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 })),
        notes: Type.Optional(Type.String({ maxLength: 4000 })),
      }, { additionalProperties: false }),
      response: { 201: Proposal, ...protectedResponses },
    },
  }, async (request, reply) => {
    const p = app.requirePermission(request, 'parks:plan');
    const b = request.body;
    await checkVillages(b.villages);
    const measures = await measureSelection(app.db, b.villages);
    if (!measures.contiguous) throw new BadRequestError(`villages: not contiguous; ${measures.pieces.length} separate pieces: ${measures.pieces.map((x) => x.join('+')).join(' | ')}`);
    const row = await app.db.transaction(async (tx) => {
      const [r] = await tx.query<Row>(`INSERT INTO park_proposals (name, industries, notes, villages, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [b.name, b.industries ?? [], b.notes ?? '', measures.villages, p.username]);
      await writeAudit(tx, { actorId: p.id, actor: p.username, ip: request.ip, action: 'proposal.create', entity: 'park_proposal', entityId: String(r.id), areaCode: measures.villages[0], after: { name: r.name, villages: r.villages, industries: r.industries } });
      return r;
    });
    return reply.status(201).send(toProposal(row, measures));
  });

  app.patch('/api/parks/proposals/:id', {
    schema: {
      summary: 'Edit a park proposal or change its status (proposal → approved), based on its version (planners; audited)',
      tags: ['parks'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
        industries: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 })),
        notes: Type.Optional(Type.String({ maxLength: 4000 })),
        status: Type.Optional(Type.Union([Type.Literal('proposal'), Type.Literal('approved')])),
      }, { additionalProperties: false, minProperties: 2 }),
      response: { 200: Proposal, 409: Type.Ref('ErrorResponse'), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'parks:plan');
    const { version, ...changes } = request.body;
    const row = await app.db.transaction(async (tx) => {
      const [before] = await tx.query<Row>(`SELECT ${COLUMNS} FROM park_proposals WHERE id = $1 FOR UPDATE`, [request.params.id]);
      if (!before) throw new NotFoundError(`id: no park proposal ${request.params.id}`);
      if (before.version !== version) throw new ConflictError(`park proposal ${before.id} was changed since version ${version}; it is now version ${before.version}`, before);
      const [r] = await tx.query<Row>(
        `UPDATE park_proposals SET name = coalesce($2, name), industries = coalesce($3, industries), notes = coalesce($4, notes), status = coalesce($5, status),
           version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, changes.name ?? null, changes.industries ?? null, changes.notes ?? null, changes.status ?? null]);
      await writeAudit(tx, { actorId: p.id, actor: p.username, ip: request.ip, action: changes.status === 'approved' && before.status !== 'approved' ? 'proposal.approve' : 'proposal.update',
        entity: 'park_proposal', entityId: String(r.id), areaCode: r.villages[0],
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, (before as unknown as Record<string, unknown>)[k]])), after: changes });
      return r;
    });
    return withMeasures(row);
  });

  app.get('/api/parks/proposals/:id/export', {
    schema: {
      summary: 'A park proposal as GeoJSON, KML or a zipped Shapefile (WGS 84, UTF-8) for GIS software (planners)',
      tags: ['parks'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      querystring: Type.Object({ format: Type.Union([Type.Literal('geojson'), Type.Literal('kml'), Type.Literal('shp')]) }, { additionalProperties: false }),
      response: { 200: Type.Unknown(), ...protectedResponses },
    },
  }, async (request, reply) => {
    app.requirePermission(request, 'parks:plan');
    const row = await load(request.params.id);
    const m: SelectionMeasures = await measureSelection(app.db, row.villages);
    const geometry = m.outline as Polygon | MultiPolygon;
    const props = {
      id: row.id, name: row.name, status: row.status, industries: row.industries.join('、'), villages: row.villages.join(','),
      area_ha: m.areaHa, area_mu: m.areaMu, poor_hh: m.povertyHouseholds, scatter_hh: m.scatteredHouseholds, people: m.people,
    };
    const file = `park-proposal-${row.id}`;
    const format = request.query.format;
    if (format === 'geojson') {
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', `attachment; filename="${file}.geojson"`)
        .send(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: row.id, geometry, properties: props }] }));
    }
    if (format === 'kml') {
      return reply.type('application/vnd.google-earth.kml+xml; charset=utf-8').header('content-disposition', `attachment; filename="${file}.kml"`)
        .send(toKml(row.name, geometry, props));
    }
    const strings = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]));
    const shp = writePolygonShapefile([{ type: 'Feature', geometry, properties: strings }]);
    const zip = zipSync({ [`${file}.shp`]: shp.shp, [`${file}.shx`]: shp.shx, [`${file}.dbf`]: shp.dbf, [`${file}.prj`]: strToU8(WGS84_PRJ), [`${file}.cpg`]: strToU8('UTF-8') });
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${file}.zip"`).send(Buffer.from(zip));
  });
};

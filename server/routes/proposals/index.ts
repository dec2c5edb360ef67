import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MultiPolygon, Polygon } from 'geojson';
import { zipSync, strToU8 } from 'fflate';
import { protectedResponses, VillageCode } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { measureSelection, type SelectionMeasures } from '../../parks/measureSelection.ts';
import { notVillages } from '../../areas/areaQueries.ts';
import { createProposal, getProposal, listProposals, updateProposal, type ProposalRow as Row } from '../../proposals/proposalQueries.ts';
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

export const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const checkVillages = async (codes: string[]) => {
    const unknown = await notVillages(app.db, codes);
    if (unknown.length) throw new BadRequestError(`villages: no village with code ${unknown.join(', ')}`);
  };
  const toProposal = (r: Row, measures: SelectionMeasures) => ({
    id: r.id, name: r.name, industries: r.industries, notes: r.notes, status: r.status, villages: r.villages, createdBy: r.created_by,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version, measures,
  });
  const withMeasures = async (r: Row) => toProposal(r, await measureSelection(app.db, r.villages));

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
    return Promise.all((await listProposals(app.db)).map(withMeasures));
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
    const row = await createProposal(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode, role: p.role }, { name: b.name, villages: measures.villages, industries: b.industries, notes: b.notes });
    return reply.status(201).send(toProposal(row, measures));
  });

  app.patch('/api/parks/proposals/:id', {
    schema: {
      summary: 'Edit a park proposal (its author or an administrator) or approve it (a leader or administrator whose area holds its villages), based on its version; audited',
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
    const { version, ...changes } = request.body;
    // A change of status alone is an approval (leaders, administrators); text edits are planning.
    const onlyStatus = Object.keys(changes).every((k) => k === 'status');
    const p = app.requirePermission(request, onlyStatus ? 'parks:approve' : 'parks:plan');
    const row = await updateProposal(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode, role: p.role }, request.params.id, version, changes);
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
    const row = await getProposal(app.db, request.params.id);
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

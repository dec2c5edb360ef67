import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { EmbeddedServer } from '../../server/db/startEmbedded.ts';
import { startPreparedEmbedded } from '../helpers/preparedEmbedded.ts';
import { testConfig } from '../helpers/testConfig.ts';

// A sample of areas and dates; with DATABASE_URL set, the embedded backend must give the same answers.
const URLS = [
  '/api/summary?asOf=2018-06-30',
  '/api/summary?asOf=2018-11-30',
  '/api/progress?level=county&asOf=2018-03-31',
  '/api/progress?level=township&parent=512022&asOf=2018-08-15',
  '/api/progress?level=village&parent=512021101&asOf=2018-10-01',
  '/api/progress?level=city&specialty=15&asOf=2018-09-30',
  '/api/progress/512002/history?interval=month',
  '/api/progress/512021101/history?from=2018-05-01&to=2018-07-01',
  '/api/lagging?level=township&asOf=2018-06-30&limit=10',
  '/api/progress/scale?level=township&indicator=people_lifted&method=quantile&to=2018-11-30',
  '/api/progress/scale?level=village&parent=512021&indicator=housing&method=equal&to=2018-06-30',
  '/api/lagging?level=village&asOf=2018-09-30&indicator=medical&limit=5',
  '/api/areas/512021/contents?asOf=2018-06-30',
  '/api/areas/512022103002/contents?asOf=2018-11-30',
  '/api/review?week=2018-06-30&level=township',
  '/api/review?week=2018-09-29&level=county&indicator=funds_disbursed&specialty=15',
  '/api/review/changes?from=2018-06-02&to=2018-06-30&level=township',
  '/api/review/changes?from=2018-01-01&to=2018-11-30&level=village&county=512022&specialty=3',
];

describe.runIf(inject('backend') === 'postgres')('progress on both backends', () => {
  let embedded: EmbeddedServer;
  let onPostgres: FastifyInstance;
  let onEmbedded: FastifyInstance;
  beforeAll(async () => {
    embedded = await startPreparedEmbedded();
    onPostgres = await buildApp(testConfig(), { logger: false });
    onEmbedded = await buildApp(testConfig({ databaseUrl: embedded.url }), { logger: false });
  }, 300000);
  afterAll(async () => {
    await onPostgres?.close();
    await onEmbedded?.close();
    await embedded?.stop();
  });

  it.each(URLS)('%s answers the same', async (url) => {
    const [a, b] = await Promise.all([onPostgres.inject({ url }), onEmbedded.inject({ url })]);
    expect(a.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
  });
});

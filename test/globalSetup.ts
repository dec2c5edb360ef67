import type { TestProject } from 'vitest/node';
import type { EmbeddedServer } from '../server/db/startEmbedded.ts';
import { prepareDatabase, startPreparedEmbedded } from './helpers/preparedEmbedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    backend: 'embedded' | 'postgres';
  }
}

let embedded: EmbeddedServer | null = null;

/** Server tests run against DATABASE_URL when it is set, else against the embedded PGlite. */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  if (url) {
    project.provide('backend', await prepareDatabase(url));
  } else {
    embedded = await startPreparedEmbedded();
    url = embedded.url;
    project.provide('backend', 'embedded');
  }
  project.provide('databaseUrl', url);
  return async () => {
    await embedded?.stop();
  };
}

// Temporary: the client still imports these types from here. Once its imports name
// ./citySummary.ts and ./lagging.ts (or the schema types), delete this file.
export type { Summary } from './citySummary.ts';
export type { LaggingArea } from './lagging.ts';

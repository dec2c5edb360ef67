// TEMPORARY re-export for the progress routes until the progress split lands: the areas module is its home.
export { requireArea } from '../areas/areaQueries.ts';

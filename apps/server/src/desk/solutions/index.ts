import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export { folderVisibleTo, isFolderVisibleTo, VISIBILITY, type KbViewer } from './solution.visibility.js';

/** Routes of the solutions module (to be built). */
export const solutionsRoutes: FastifyPluginAsyncZod = async () => {};

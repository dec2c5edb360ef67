import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { createUser, listUsers } from '../../auth/users.ts';

const UserOut = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), role: Type.String(), areaCode: Type.String(),
  active: Type.Boolean(), demo: Type.Boolean(), createdAt: Type.String(),
});

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/users', {
    schema: { summary: 'Accounts inside the administrator\'s area (administrators)', tags: ['users'], response: { 200: Type.Array(UserOut), ...protectedResponses } },
  }, async (request) => {
    const p = app.requirePermission(request, 'users');
    return listUsers(app.db, p.areaCode);
  });

  app.post('/api/users', {
    schema: {
      summary: 'Create an account inside the administrator\'s area (administrators)',
      tags: ['users'],
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z0-9_.-]{3,40}$' }),
        password: Type.String({ minLength: 10, maxLength: 200 }),
        role: Type.Union([Type.Literal('admin'), Type.Literal('leader'), Type.Literal('planner'), Type.Literal('clerk'), Type.Literal('inspector')]),
        areaCode: AreaCode,
        displayName: Type.Optional(Type.String({ maxLength: 80 })),
      }, { additionalProperties: false }),
      response: { 201: UserOut, 409: Type.Ref('ErrorResponse'), ...protectedResponses },
    },
  }, async (request, reply) => {
    // An administrator creates accounts only inside its own area: never a wider one.
    const p = app.requirePermission(request, 'users', request.body.areaCode);
    const user = await createUser(app.db, request.body, { actorId: p.id, actor: p.username, ip: request.ip });
    return reply.status(201).send(user);
  });
};

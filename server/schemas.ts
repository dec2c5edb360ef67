import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorResponse = Type.Object(
  { statusCode: Type.Integer(), error: Type.String(), message: Type.String() },
  { $id: 'ErrorResponse', description: 'What went wrong, in words that name the bad input', additionalProperties: true },
);

export const errorResponses = {
  400: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
  500: Type.Ref('ErrorResponse'),
  503: Type.Ref('ErrorResponse'),
};

/** Routes behind a session also answer 401 (no session) and 403 (role, area or CSRF). */
export const protectedResponses = {
  ...errorResponses,
  401: Type.Ref('ErrorResponse'),
  403: Type.Ref('ErrorResponse'),
};

export const AreaCode = Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$', description: 'NBS division code: 2 (province), 4 (city), 6 (county), 9 (township) or 12 (village) digits' });
export const VillageCode = Type.String({ pattern: '^[0-9]{12}$', description: 'a village code (12 digits)' });
export const AreaLevel = Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')]);

export const Geometry = Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Any()) }, { additionalProperties: false });

export function featureCollection(properties: TSchema) {
  return Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Object({ type: Type.Literal('Feature'), id: Type.String(), geometry: Geometry, properties })),
  });
}

import { Type } from '@sinclair/typebox';
import { INDICATOR_KEYS, indicatorByKey, type Indicator } from '../domain/indicators.ts';
import { BadRequestError } from '../errors.ts';
export { checkDate } from '../dates.ts';

/** One of the 22 specialties (专项) of projects and tasks. */
export const SpecialtyParam = Type.Integer({ minimum: 1, maximum: 22, description: 'one of the 22 specialties (专项); on progress figures it restricts the project indicators' });

export const DateParam = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a date, YYYY-MM-DD' });

/** `indicators=a,b`: known keys only, else a 400 that lists the allowed ones. */
export function parseIndicators(raw: string | undefined): Indicator[] {
  if (!raw) return INDICATOR_KEYS.map((k) => indicatorByKey(k)!);
  const keys = raw.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !indicatorByKey(k));
  if (unknown.length > 0 || keys.length === 0) {
    throw new BadRequestError(`indicators: unknown ${unknown.map((u) => `"${u}"`).join(', ') || 'empty list'}; allowed: ${INDICATOR_KEYS.join(', ')}`);
  }
  return [...new Set(keys)].map((k) => indicatorByKey(k)!);
}

/** `indicator=` for a ranking against plan: one known key of an indicator that has a plan (default people_lifted). */
export function parsePlanIndicator(raw: string | undefined): Indicator {
  if (raw?.includes(',')) throw new BadRequestError('indicator: one indicator key, not a list');
  const [indicator] = parseIndicators(raw ?? 'people_lifted');
  if (!indicator.curve) throw new BadRequestError(`indicator: ${indicator.key} has no plan to lag behind`);
  return indicator;
}

export const IndicatorValueSchema = Type.Object({
  key: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()], { description: 'a count, or a share from 0 to 1; null where not recorded for the area' }),
  target: Type.Union([Type.Number(), Type.Null()]),
  planned: Type.Union([Type.Number(), Type.Null()], { description: 'what the plan expects by the date' }),
  lag: Type.Union([Type.Number(), Type.Null()], { description: 'value − planned' }),
  lagShare: Type.Union([Type.Number(), Type.Null()], { description: 'lag / target' }),
  status: Type.Union([Type.Literal('on_track'), Type.Literal('behind'), Type.Literal('far_behind'), Type.Null()]),
  numerator: Type.Optional(Type.Number()),
  denominator: Type.Optional(Type.Number()),
  failing: Type.Optional(Type.Number({ description: 'households failing the check' })),
  rank: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: '1 = furthest ahead of plan among siblings, by lag in the indicator\'s unit (ties by lag share); null: no lag, or a small unit ranked apart' })),
}, { $id: 'IndicatorValue' });

const NumberOrNull = Type.Union([Type.Number(), Type.Null()]);

/** A child that makes its parent lag (GET /api/lagging contributors, /api/review worstParts). */
export const ContributorSchema = Type.Object({
  code: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String({ description: 'English name (pinyin)' })), value: NumberOrNull, target: NumberOrNull, planned: NumberOrNull, lag: NumberOrNull, lagShare: NumberOrNull,
  status: Type.Union([Type.String(), Type.Null()]),
  smallUnit: Type.Boolean({ description: 'below the small-unit floor (SMALL_UNIT_FLOOR): ranked after the others' }),
});

/** On a ranked list: below the small-unit floor, so listed apart after the others. */
export const SmallUnitField = Type.Boolean({ description: 'a small unit (target under 20 people or 5 households, or a share of under 5 households): ranked apart, after the others' });

/**
 * Responses keyed by indicator are dynamic records, where fast-json-stringify's generic path is
 * several times slower than JSON.stringify (measured: 1,230 villages × 17 indicators). The schema
 * still documents the response; JSON.stringify writes it.
 */
export const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

import { INCOME_LINE_YUAN } from './indicators.ts';

export interface ExitCheckState {
  income_per_capita: number;
  food_clothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
}

/**
 * The plan's exit standard (一、(五)(六)): per-capita net income above the line, and 两不愁三保障.
 * Returns why a household may not exit; empty when it may.
 */
export function exitFailures(s: ExitCheckState): string[] {
  const reasons: string[] = [];
  if (!(s.income_per_capita > INCOME_LINE_YUAN)) reasons.push(`income: per-capita net income ${s.income_per_capita} yuan is not above ${INCOME_LINE_YUAN}`);
  if (!s.food_clothing) reasons.push('food_clothing: food and clothing are not assured (不愁吃穿)');
  if (!s.education) reasons.push('education: compulsory education is not assured (义务教育有保障)');
  if (!s.medical) reasons.push('medical: basic medical care is not assured (基本医疗有保障)');
  if (!s.housing) reasons.push('housing: housing is not safe (住房安全有保障)');
  return reasons;
}

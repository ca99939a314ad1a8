// Warning levels (预警) of the general public-Internet emergency plan: red, orange, yellow, blue
// for possible grade I, II, III, IV events. Pure.
import type { Grade } from '../grades.ts';

export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';

const LEVELS: Record<Grade, WarningLevel> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

export const WARNING_LEVEL_NAMES: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: '红色', en: 'red' },
  orange: { zh: '橙色', en: 'orange' },
  yellow: { zh: '黄色', en: 'yellow' },
  blue: { zh: '蓝色', en: 'blue' },
};

/** The warning level of an (effective) grade; null when there is no grade. */
export function warningLevelFor(grade: Grade | null): WarningLevel | null {
  return grade ? LEVELS[grade] : null;
}

// Incident grades of the plan (I highest) and their order. Pure.

export type Grade = 'I' | 'II' | 'III' | 'IV';

export const GRADES: readonly Grade[] = ['I', 'II', 'III', 'IV'];

/** Bilingual names used when a rule set does not name its grades. */
export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  I: { zh: '特别重大', en: 'extraordinarily serious' },
  II: { zh: '重大', en: 'serious' },
  III: { zh: '较大', en: 'relatively serious' },
  IV: { zh: '一般', en: 'general' },
};

/** 4 for I … 1 for IV, 0 for no grade: larger is more serious. */
export function gradeRank(grade: Grade | null | undefined): number {
  return grade ? 4 - GRADES.indexOf(grade) : 0;
}

/** The more serious of two grades (null when both are null). */
export function higherGrade(a: Grade | null, b: Grade | null): Grade | null {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

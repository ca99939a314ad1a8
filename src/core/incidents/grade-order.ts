// Grades of the emergency plan, highest first: I 特别重大, II 重大, III 较大, IV 一般.
export type Grade = 'I' | 'II' | 'III' | 'IV';

export const GRADES: readonly Grade[] = ['I', 'II', 'III', 'IV'];

/** 4 for I … 1 for IV, 0 for none: larger is more serious. */
export function gradeRank(g: Grade | null | undefined): number {
  return g ? 4 - GRADES.indexOf(g) : 0;
}

export function higherGrade(a: Grade | null, b: Grade | null): Grade | null {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  I: { zh: '特别重大', en: 'extraordinarily serious' },
  II: { zh: '重大', en: 'serious' },
  III: { zh: '较大', en: 'relatively serious' },
  IV: { zh: '一般', en: 'general' },
};

// Warnings (预警) red / orange / yellow / blue for possible grade I / II / III / IV events: issued,
// adjusted and lifted by an authority. Pure: who may do what, and the lifecycle.
import type { Grade } from '../grades.ts';

export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export const LEVEL_FOR_GRADE: Record<Grade, WarningLevel> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

export interface Issuer { org: string; role: string; province?: string }
export interface WarningScope { national: boolean; provinces?: string[] }

/** The office issues anywhere; a provincial authority only within its own province. */
export function issueError(who: Issuer, scope: WarningScope): string | null {
  if (who.role === 'emergency-office') return null;
  if (who.role !== 'provincial-authority') return 'only the emergency office or a provincial authority issues warnings';
  if (scope.national) return 'a provincial authority cannot issue a national warning';
  const ps = scope.provinces ?? [];
  if (ps.length === 0) return 'a provincial warning names its province';
  if (ps.some((p) => p !== who.province)) return `a provincial authority issues warnings only for ${who.province}`;
  return null;
}

export type WarningState = 'active' | 'lifted';

/** Adjusting or lifting is for whoever could issue the warning (the office always can). */
export function changeError(who: Issuer, scope: WarningScope, state: WarningState): string | null {
  if (state === 'lifted') return 'the warning is already lifted';
  return issueError(who, scope);
}

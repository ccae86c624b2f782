export interface CanonicalQuest {
  quest_id: string;
  players: number;
  accepted: number;
  declined: number;
  completed: number;
  abandoned: number;
  failed: number;
  not_encountered: number;
  mean_seconds: number | null;
  min_seconds: number | null;
  max_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
  mean_attempts: number | null;
  anomalies: number;
}
export interface CanonicalStats {
  players: number;
  quests: CanonicalQuest[];
}
export const TOLERANCE: number;
export function compareStats(expected: CanonicalStats, actual: CanonicalStats, limit?: number): string[];

import type { DataSource, EntityManager } from 'typeorm';
import type { EarlierPlan, PlanStatus } from '../domain/deferral/eligibility';

export interface OpenPlan {
  planId: string;
  requestId: string;
  enterpriseNumber: string;
  processInstanceKey: string;
  totalCents: number;
  instalments: number;
  openedAt: string;
}

/** Instalment plans (table `deferral_plan`): what the eligibility check needs to know of an employer's history. */
export class DeferralPlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  async plansOf(enterpriseNumber: string, tx?: EntityManager): Promise<EarlierPlan[]> {
    const rows: { plan_id: string; status: PlanStatus; closed_at: Date | null }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT plan_id, status, closed_at FROM deferral_plan WHERE enterprise_number = $1 ORDER BY opened_at`, [enterpriseNumber]);
    return rows.map((r) => ({ planId: r.plan_id, status: r.status, closedAt: r.closed_at ? r.closed_at.toISOString() : null }));
  }

  /** Opens a plan; a retried job that opens the same plan again changes nothing. */
  async open(plan: OpenPlan, tx?: EntityManager): Promise<void> {
    await (tx ?? this.dataSource.manager).query(
      `INSERT INTO deferral_plan (plan_id, request_id, enterprise_number, process_instance_key, status, total_cents, instalments, opened_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, $7) ON CONFLICT (plan_id) DO NOTHING`,
      [plan.planId, plan.requestId, plan.enterpriseNumber, plan.processInstanceKey, plan.totalCents, plan.instalments, plan.openedAt]);
  }

  /** Closes an active plan; returns false when there is no active plan of that id (never opened, or closed before). */
  async close(planId: string, status: Exclude<PlanStatus, 'ACTIVE'>, closedAt: string, tx?: EntityManager): Promise<boolean> {
    const [, count]: [unknown, number] = await (tx ?? this.dataSource.manager).query(
      `UPDATE deferral_plan SET status = $2, closed_at = $3 WHERE plan_id = $1 AND status = 'ACTIVE'`, [planId, status, closedAt]);
    return count > 0;
  }

  /** Highest fraud-detection score (`fraud.signal` events) of an employer since a moment, null when none. */
  async highestRiskScoreSince(enterpriseNumber: string, since: string, tx?: EntityManager): Promise<number | null> {
    const [row]: { score: string | null }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT max((data->>'score')::numeric)::text AS score FROM inbound_event
        WHERE type = 'fraud.signal' AND data->>'enterpriseNumber' = $1 AND coalesce(time, received_at) >= $2`, [enterpriseNumber, since]);
    return row?.score == null ? null : Number(row.score);
  }
}

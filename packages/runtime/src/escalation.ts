/** A crisis escalation: recorded without the raw text, and optionally sent to a human via webhook. */
import type { CrisisAssessment } from '@studio/core';
import type { StudioStore } from '@studio/store';
import type { Logger } from './log';

export interface EscalationOptions {
  webhookUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Records the escalation, then returns the webhook delivery as a separate promise: the person's
 * help screen must not wait on a reviewer's server.
 */
export async function escalate(
  store: StudioStore,
  log: Logger,
  entryId: string,
  crisis: CrisisAssessment,
  options: EscalationOptions,
): Promise<{ id: string; delivery: Promise<void> }> {
  const id = await store.recordEscalation(entryId, crisis);
  log.warn({ escalation_id: id, risk_score: crisis.risk_score, signals: crisis.signals.map((s) => s.id) }, 'crisis escalation');
  return { id, delivery: options.webhookUrl ? notify(store, log, id, entryId, crisis, { ...options, webhookUrl: options.webhookUrl }) : Promise.resolve() };
}

async function notify(
  store: StudioStore,
  log: Logger,
  id: string,
  entryId: string,
  crisis: CrisisAssessment,
  options: EscalationOptions & { webhookUrl: string },
): Promise<void> {
  try {
    const res = await (options.fetch ?? fetch)(options.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // What a human reviewer needs to act, and nothing the person wrote.
      body: JSON.stringify({
        event: 'crisis_escalation',
        escalation_id: id,
        entry_id: entryId,
        risk_score: crisis.risk_score,
        needs_escalation: crisis.needs_escalation,
        categories: crisis.categories,
        signal_ids: crisis.signals.map((s) => s.id),
        created_at: new Date().toISOString(),
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    await store.markEscalationNotified(id, { ok: true });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    log.error({ escalation_id: id, error }, 'crisis webhook failed');
    await store.markEscalationNotified(id, { ok: false, error });
  }
}

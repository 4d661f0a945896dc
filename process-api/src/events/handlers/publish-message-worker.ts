import { Duration } from 'luxon';
import type { JobHandler, JobOutcome, ProcessEngine } from '../../engine/process-engine';

export const PUBLISH_MESSAGE_JOB_TYPE = 'werkbank.publish-message';

/** A job that lacks what it needs cannot succeed by retrying: it becomes an incident at once. */
const incident = (errorMessage: string): JobOutcome => ({ outcome: 'fail', errorMessage, retries: 0 });

/**
 * `werkbank.publish-message`: Zeebe runs message throw events, message end events and send tasks as jobs; this worker
 * is the embedded one. The model says what to publish:
 * - custom header `messageName` (required) and `timeToLive` (ISO 8601 duration, default PT0S);
 * - job variables (input mappings) `correlationKey` (string or number), `messageVariables` (context) and `messageId`.
 * The message is published in the transaction that completes the job, so it goes out exactly once.
 */
export function publishMessageHandler(): JobHandler {
  return async (job) => {
    const name = job.customHeaders['messageName'];
    if (!name) return incident('custom header "messageName" is missing on the task');
    const ttlText = job.customHeaders['timeToLive'] ?? 'PT0S';
    const ttl = Duration.fromISO(ttlText);
    if (!ttl.isValid) return incident(`custom header "timeToLive" is not an ISO 8601 duration: '${ttlText}'`);
    const { correlationKey, messageVariables, messageId } = job.variables;
    if ((typeof correlationKey !== 'string' && typeof correlationKey !== 'number') || String(correlationKey) === '') {
      return incident('variable "correlationKey" (a string) is missing: map it with an input mapping on the task');
    }
    if (messageVariables !== undefined && messageVariables !== null && (typeof messageVariables !== 'object' || Array.isArray(messageVariables))) {
      return incident('variable "messageVariables" must be a context (an object)');
    }
    if (messageId !== undefined && messageId !== null && typeof messageId !== 'string') return incident('variable "messageId" must be a string');
    return {
      outcome: 'complete',
      messages: [{
        name,
        correlationKey: String(correlationKey),
        variables: (messageVariables ?? {}) as Record<string, unknown>,
        timeToLive: ttl.as('milliseconds'),
        ...(messageId ? { messageId } : {}),
      }],
    };
  };
}

export function registerPublishMessageWorker(engine: Pick<ProcessEngine, 'registerWorker'>): void {
  engine.registerWorker(PUBLISH_MESSAGE_JOB_TYPE, publishMessageHandler());
}

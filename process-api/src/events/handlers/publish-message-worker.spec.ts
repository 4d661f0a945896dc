import type { ActivatedJob } from '../../engine/process-engine';
import { publishMessageHandler } from './publish-message-worker';

function job(variables: Record<string, unknown>, customHeaders: Record<string, string>): ActivatedJob {
  return { key: '5', type: 'werkbank.publish-message', processInstanceKey: '1', rootProcessInstanceKey: '1', bpmnProcessId: 'inspection', elementId: 'publish', retries: 3, customHeaders, variables };
}

describe('publishMessageHandler', () => {
  const handler = publishMessageHandler();

  it('should complete the job with the message the model describes', async () => {
    // given a task with a message name, a time to live and mapped key, variables and id
    const outcome = await handler(job({ correlationKey: '0403170701', messageVariables: { debtCents: 1250 }, messageId: 'regularisation-9' }, { messageName: 'debt.detected', timeToLive: 'PT1H' }));
    // then the message goes out with the job's completion
    expect(outcome).toEqual({
      outcome: 'complete',
      messages: [{ name: 'debt.detected', correlationKey: '0403170701', variables: { debtCents: 1250 }, timeToLive: 3_600_000, messageId: 'regularisation-9' }],
    });
  });

  it('should default to no time to live and no variables', async () => {
    const outcome = await handler(job({ correlationKey: 42 }, { messageName: 'inspection.requested' }));
    expect(outcome).toEqual({ outcome: 'complete', messages: [{ name: 'inspection.requested', correlationKey: '42', variables: {}, timeToLive: 0 }] });
  });

  it.each([
    [{ correlationKey: 'k' }, {}, 'messageName'],
    [{}, { messageName: 'm' }, 'correlationKey'],
    [{ correlationKey: 'k' }, { messageName: 'm', timeToLive: 'an hour' }, 'timeToLive'],
    [{ correlationKey: 'k', messageVariables: [1] }, { messageName: 'm' }, 'messageVariables'],
    [{ correlationKey: 'k', messageId: 7 }, { messageName: 'm' }, 'messageId'],
  ])('should raise an incident at once for %j with headers %j (names %s)', async (variables, headers, named) => {
    const outcome = await handler(job(variables, headers));
    expect(outcome).toEqual({ outcome: 'fail', retries: 0, errorMessage: expect.stringContaining(named) });
  });
});

import type { Variables } from '../process-engine';
import { completeCall, failCall } from './call-activity';
import type { CommandContext, DefinitionRow, EngineCore } from './engine-core';
import { throwError } from './event-triggers';
import { FeelError } from './feel';
import type { Effects, InstanceState, NewCall } from './instance-state';

/**
 * What a step asked of other instances, run in the same command after the step was written: children of terminated
 * call activities are canceled, new children created, a completed child completes its call activity, and an error
 * nothing in the child caught is offered to the parent (an incident in the child only when no ancestor catches it).
 */
export async function followCalls(core: EngineCore, ctx: CommandContext, state: InstanceState, effects: Effects): Promise<void> {
  for (const childKey of effects.canceledChildren) {
    const child = await core.lockInstance(ctx, childKey);
    if (child.state === 'ACTIVE') await core.step(ctx, child, (i) => i.cancel());
  }
  for (const call of effects.calls) await createChild(core, ctx, state, call);
  // Before the child's completion: an escalation from a child's end event reaches the call activity while it still waits.
  for (const { code, parentInstanceKey, parentElementInstanceKey } of effects.bubbledEscalations) {
    const parent = await core.lockInstance(ctx, parentInstanceKey);
    await core.step(ctx, parent, (i) => {
      const call = parent.elements.get(parentElementInstanceKey);
      if (!call) return;
      i.escalate(call, code);
      i.run();
    });
  }
  if (effects.childCompleted) {
    const { parentInstanceKey, parentElementInstanceKey, variables } = effects.childCompleted;
    const parent = await core.lockInstance(ctx, parentInstanceKey);
    await core.step(ctx, parent, (i) => completeCall(i, parentElementInstanceKey, variables));
  }
  for (const error of effects.bubbledErrors) {
    if (await offerToParent(core, ctx, state, error.errorCode, error.variables)) continue;
    const message = `unhandled BPMN error '${error.errorCode}'`;
    const [job] = error.endEvent ? [] : await ctx.tx.query(`SELECT key::text FROM job WHERE element_instance_key = $1`, [error.throwerKey]);
    await core.step(ctx, state, (i) => {
      const thrower = state.elements.get(error.throwerKey);
      if (!thrower) return;
      if (error.endEvent) i.fail(thrower, 'activate', new FeelError('UNHANDLED_ERROR_EVENT', message));
      else i.incident(thrower.key, 'UNHANDLED_ERROR_EVENT', message, job?.key);
    });
  }
}

async function createChild(core: EngineCore, ctx: CommandContext, parent: InstanceState, call: NewCall): Promise<void> {
  const [definition]: DefinitionRow[] = await ctx.tx.query(
    `SELECT key::text, bpmn_process_id, version, resource_name, xml FROM process_definition
     WHERE bpmn_process_id = $1 AND ($2::bigint IS NULL OR deployment_key = (SELECT deployment_key FROM process_definition WHERE key = $2))
     ORDER BY version DESC LIMIT 1`,
    [call.processId, call.bindingType === 'deployment' ? parent.processDefinitionKey : null]);
  const startable = definition ? (await core.graph(definition.key, ctx.tx)).noneStartId !== null : false;
  if (!definition || !startable) {
    const why = !definition
      ? `no process '${call.processId}' is deployed${call.bindingType === 'deployment' ? ' with the calling process' : ''}`
      : `process '${call.processId}' has no none start event`;
    await core.step(ctx, parent, (i) => failCall(i, call.elementInstanceKey, `call activity ${call.elementId}: ${why}`));
    return;
  }
  await core.createInstance(ctx, definition, call.variables, null, null, {
    key: call.childKey, rootKey: parent.rootProcessInstanceKey, parentInstanceKey: parent.key, parentElementInstanceKey: call.elementInstanceKey,
  });
}

/** Offers an uncaught error to the call activity that started `child`, and on up; true when some ancestor caught it. */
async function offerToParent(core: EngineCore, ctx: CommandContext, child: InstanceState, errorCode: string, variables: Variables): Promise<boolean> {
  const { parentInstanceKey, parentElementInstanceKey } = child.elements.get(child.key)?.data ?? {};
  if (!parentInstanceKey || !parentElementInstanceKey) return false;
  const parent = await core.lockInstance(ctx, parentInstanceKey);
  let caught = false;
  await core.step(ctx, parent, (i) => {
    if (!parent.elements.has(parentElementInstanceKey)) return;
    caught = throwError(i, parentElementInstanceKey, errorCode, variables);
    i.run();
  });
  return caught || offerToParent(core, ctx, parent, errorCode, variables);
}

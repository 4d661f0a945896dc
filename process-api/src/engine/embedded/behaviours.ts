import { FeelError } from './feel';
import { chooseFlow } from './gateways';
import { chooseInclusive } from './inclusive-gateway';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { startCall } from './call-activity';
import { openScopeEvents, throwError } from './event-triggers';
import { openBoundaries, openEvent, openWaitState } from './wait-states';

/** What an element does once entered (after its input mappings): complete at once, wait, fork, throw or open a scope. */
export function behave(interpreter: Interpreter, node: FlowNode, instance: ElementInstance): void {
  switch (node.type) {
    case 'exclusiveGateway':
      interpreter.complete(instance, undefined, [chooseFlow(interpreter.graph, node, interpreter.visible(instance.key))]);
      return;
    case 'inclusiveGateway':
      interpreter.complete(instance, undefined, chooseInclusive(interpreter.graph, node, interpreter.visible(instance.key)));
      return;
    case 'intermediateCatchEvent':
      // A link catch is where its throw continues: it passes the token straight on.
      if (node.linkName !== undefined) interpreter.complete(instance);
      else openWaitState(interpreter, node, instance);
      return;
    case 'serviceTask': case 'sendTask': case 'userTask': case 'receiveTask':
      openWaitState(interpreter, node, instance);
      return;
    case 'eventBasedGateway':
      for (const flowId of node.outgoing) openEvent(interpreter, interpreter.graph.nodes[interpreter.graph.flows[flowId]?.target ?? ''] as FlowNode, instance.key, interpreter.visible(instance.key));
      return;
    case 'intermediateThrowEvent':
      // A message throw is a job (like a send task); it completes when the job does.
      if (node.job) return openWaitState(interpreter, node, instance);
      if (node.linkTarget) {
        interpreter.complete(instance, undefined, []);
        interpreter.queueToken(node.linkTarget, instance.scopeKey ?? interpreter.state.key);
        return;
      }
      if (node.throwsEscalationCode) interpreter.escalate(instance, node.throwsEscalationCode);
      // An interrupting catcher terminated the thrower: its outgoing flow is not taken.
      if (interpreter.state.elements.has(instance.key)) interpreter.complete(instance);
      return;
    case 'endEvent':
      if (node.job) return openWaitState(interpreter, node, instance);
      if (node.throwsEscalationCode) {
        interpreter.escalate(instance, node.throwsEscalationCode);
        if (interpreter.state.elements.has(instance.key)) interpreter.complete(instance);
        return;
      }
      if (node.throwsErrorCode) {
        if (throwError(interpreter, instance.key, node.throwsErrorCode, {})) return;
        if (!interpreter.isCalled()) throw new FeelError('UNHANDLED_ERROR_EVENT', `unhandled BPMN error '${node.throwsErrorCode}'`);
        interpreter.effects.bubbledErrors.push({ throwerKey: instance.key, errorCode: node.throwsErrorCode, variables: {}, endEvent: true });
        return;
      }
      interpreter.complete(instance);
      // A terminate end kills what else runs in its scope; the scope then completes as usual.
      if (node.terminate) interpreter.terminateChildren(instance.scopeKey ?? interpreter.state.key);
      return;
    case 'callActivity':
      startCall(interpreter, node, instance);
      return;
    case 'subProcess':
      openBoundaries(interpreter, node, instance);
      openScopeEvents(interpreter, node.eventSubProcesses ?? [], instance.key);
      interpreter.queueToken(node.startId as string, instance.key);
      return;
    default:
      interpreter.complete(instance);
  }
}

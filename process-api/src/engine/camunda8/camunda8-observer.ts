/*
 * Element instances over REST (POST /element-instances/search): the active ones the port's searchElementInstances
 * reports, and the completed ones a REST client uses instead of engine records (which end events an instance reached).
 */
import type { ElementInstanceFilter, ElementInstanceInfo } from '../process-engine';
import type { CamundaRest } from './camunda8-rest';

interface RestElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  elementName?: string;
  type: string;
  state: string;
  incidentKey?: string;
  startDate: string;
}

/** A finished element instance (END_EVENT, SERVICE_TASK...), in the order the engine created them. */
export interface CompletedElement {
  key: string;
  processInstanceKey: string;
  elementId: string;
}

/** Camunda's element types -> the port's node types (camelCase BPMN names). */
const NODE_TYPES: Record<string, string> = {
  PROCESS: 'process', SUB_PROCESS: 'subProcess', EVENT_SUB_PROCESS: 'subProcess', START_EVENT: 'startEvent', INTERMEDIATE_CATCH_EVENT: 'intermediateCatchEvent',
  INTERMEDIATE_THROW_EVENT: 'intermediateThrowEvent', BOUNDARY_EVENT: 'boundaryEvent', END_EVENT: 'endEvent', SERVICE_TASK: 'serviceTask', RECEIVE_TASK: 'receiveTask',
  USER_TASK: 'userTask', MANUAL_TASK: 'manualTask', TASK: 'task', EXCLUSIVE_GATEWAY: 'exclusiveGateway', INCLUSIVE_GATEWAY: 'inclusiveGateway',
  PARALLEL_GATEWAY: 'parallelGateway', EVENT_BASED_GATEWAY: 'eventBasedGateway', CALL_ACTIVITY: 'callActivity', SEND_TASK: 'sendTask',
  MULTI_INSTANCE_BODY: 'multiInstanceBody', BUSINESS_RULE_TASK: 'businessRuleTask', SCRIPT_TASK: 'scriptTask',
};

export class Camunda8Observer {
  constructor(private readonly rest: CamundaRest) {}

  async activeElements(filter: ElementInstanceFilter): Promise<ElementInstanceInfo[]> {
    const found = await this.rest.searchAll<RestElementInstance>('element-instances/search', {
      elementInstanceKey: filter.key, processInstanceKey: filter.processInstanceKey, elementId: filter.elementId, state: 'ACTIVE',
    }, [{ field: 'elementInstanceKey', order: 'ASC' }]);
    return found.map((e) => ({
      key: String(e.elementInstanceKey), processInstanceKey: String(e.processInstanceKey), processDefinitionKey: String(e.processDefinitionKey),
      bpmnProcessId: e.processDefinitionId, elementId: e.elementId, elementName: e.elementName ?? null, elementType: NODE_TYPES[e.type] ?? e.type,
      // 8.8's element instance has no flow scope key.
      scopeKey: null, incidentKey: e.incidentKey ? String(e.incidentKey) : null, processInstanceStartedAt: e.startDate,
    }));
  }

  async completedElements(type: string): Promise<CompletedElement[]> {
    const found = await this.rest.searchAll<RestElementInstance>('element-instances/search', { type, state: 'COMPLETED' }, [{ field: 'elementInstanceKey', order: 'ASC' }], 1000);
    return found.map((e) => ({ key: String(e.elementInstanceKey), processInstanceKey: String(e.processInstanceKey), elementId: e.elementId }));
  }
}

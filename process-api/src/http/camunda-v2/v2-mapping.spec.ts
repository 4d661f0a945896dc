import * as c88 from '@camunda/camunda-api-zod-schemas/8.8';
import { camundaProblem, parseVariableKey, searchResult, toDeploymentResponse, toIncident, toProcessInstance, toUserTask, toVariable } from './v2-mapping';

describe('v2-mapping', () => {
  it('should map a canceled instance to TERMINATED in Camunda\'s process instance shape', () => {
    const item = toProcessInstance({ key: '7', bpmnProcessId: 'p', processDefinitionKey: '3', version: 2, state: 'CANCELED', rootProcessInstanceKey: '7',
      startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-02T00:00:00.000Z' }, { name: null, hasIncident: false });
    expect(c88.processInstanceSchema.parse(item)).toMatchObject({ state: 'TERMINATED', processDefinitionName: 'p', endDate: '2026-01-02T00:00:00.000Z' });
  });

  it('should map user tasks, incidents and variables to schema-valid items', () => {
    const task = toUserTask({ key: '9', elementId: 'e', name: 'E', bpmnProcessId: 'p', processDefinitionKey: '3', processInstanceKey: '7', state: 'CREATED',
      assignee: null, candidateGroups: ['g'], candidateUsers: [], formKey: null, dueDate: null, followUpDate: null, priority: 50, version: 0,
      createdAt: '2026-01-01T00:00:00.000Z' }, { elementInstanceKey: '8', processDefinitionVersion: 1 });
    expect(c88.userTaskSchema.parse(task)).not.toHaveProperty('assignee');
    expect(c88.incidentSchema.parse(toIncident({ key: '1', processInstanceKey: '7', bpmnProcessId: 'p', elementId: 'e', elementInstanceKey: '8', errorType: 'FEEL_ERROR',
      errorMessage: 'x', jobKey: null, state: 'ACTIVE', createdAt: '2026-01-01T00:00:00.000Z' }, '3')).errorType).toBe('UNKNOWN');
    const variable = toVariable({ name: 'a-b', value: { x: 1 }, scopeKey: '7', processInstanceKey: '7' });
    expect(c88.variableSchema.parse(variable).value).toBe('{"x":1}');
    expect(parseVariableKey(variable.variableKey)).toEqual({ scopeKey: '7', name: 'a-b' });
  });

  it('should wrap deployed processes and forms as Camunda does', () => {
    const response = toDeploymentResponse({ key: '1', processes: [{ key: '2', bpmnProcessId: 'p', name: null, version: 1, resourceName: 'p.bpmn' }],
      forms: [{ key: '3', formId: 'f', version: 1, resourceName: 'f.form' }] });
    const [process, form] = response.deployments;
    expect(c88.processDeploymentSchema.parse(process && 'processDefinition' in process ? process.processDefinition : null)).toMatchObject({ processDefinitionKey: '2' });
    expect(c88.formDeploymentSchema.parse(form && 'form' in form ? form.form : null)).toMatchObject({ formKey: '3' });
  });

  it('should filter with plain and advanced filters, sort keys numerically and page', () => {
    const items = [{ k: '10', s: 'A' }, { k: '9', s: 'B' }, { k: '100', s: 'A' }];
    const result = searchResult(items, { filter: { s: { $in: ['A'] } }, sort: [{ field: 'k', order: 'desc' }], page: { from: 0, limit: 1 } }, ['k', 's']);
    expect(result).toEqual({ items: [{ k: '100', s: 'A' }], page: { totalItems: 2 } });
    expect(() => searchResult(items, { filter: { other: 1 } }, ['k'])).toThrow(/not supported/);
  });

  it('should give problems Camunda\'s shape', () => {
    expect(c88.problemDetailResponseSchema.parse(camundaProblem(404, 'TASK_NOT_FOUND', 'gone', '/v2/user-tasks/1'))).toMatchObject({ title: 'NOT_FOUND' });
  });
});

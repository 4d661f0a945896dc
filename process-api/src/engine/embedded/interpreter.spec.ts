import type { InstanceState } from './instance-state';
import { Interpreter } from './interpreter';
import type { FlowNode, ProcessGraph } from './model';

const node = (id: string, type: FlowNode['type'], incoming: string[], outgoing: string[], extra: Partial<FlowNode> = {}): FlowNode =>
  ({ id, name: null, type, parentId: null, incoming, outgoing, inputs: [], outputs: [], boundaries: [], ...extra });

/** start -> task (job "work", input =1 -> x) -> end, built by hand: the interpreter needs no parser and no database. */
const graph: ProcessGraph = {
  bpmnProcessId: 'p', name: null, noneStartId: 'start', messageStarts: [], timerStarts: [], eventSubProcesses: [],
  nodes: {
    start: node('start', 'startEvent', [], ['f1']),
    work: node('work', 'serviceTask', ['f1'], ['f2'], { job: { type: 'work', retries: '3', headers: {} }, inputs: [{ source: '=1', target: 'x' }] }),
    end: node('end', 'endEvent', ['f2'], []),
  },
  flows: { f1: { id: 'f1', source: 'start', target: 'work' }, f2: { id: 'f2', source: 'work', target: 'end' } },
};

function newState(): InstanceState {
  return { key: '1', processDefinitionKey: '9', bpmnProcessId: 'p', version: 1, rootProcessInstanceKey: '1', state: 'ACTIVE', correlationTag: null, elements: new Map(), variables: new Map() };
}

function keys(): () => string {
  let n = 100;
  return () => String(n++);
}

describe('Interpreter', () => {
  it('should stop at a service task with a job and its input-mapped local', () => {
    // given a fresh instance
    const state = newState();
    const interpreter = new Interpreter(graph, state, new Date('2026-01-01T00:00:00Z'), keys());
    // when it starts
    interpreter.start({ x: 0 }, 'start');
    // then one job waits and the task has its own x
    expect(interpreter.effects.jobs).toEqual([expect.objectContaining({ type: 'work', retries: 3, elementId: 'work' })]);
    const task = [...state.elements.values()].find((e) => e.elementId === 'work');
    expect(state.variables.get(task?.key ?? '')).toEqual({ x: 1 });
  });

  it('should let a task-local variable swallow a job result of the same name (merge-up)', () => {
    // given an instance waiting at the task with root x=0 and local x=1
    const state = newState();
    new Interpreter(graph, state, new Date(), keys()).start({ x: 0 }, 'start');
    const task = [...state.elements.values()].find((e) => e.elementId === 'work');
    // when the job completes with x=9 and y=2
    const interpreter = new Interpreter(graph, state, new Date(), keys());
    interpreter.completeWaiting(task?.key ?? '', { x: 9, y: 2 });
    // then root x stays 0, y lands in the root and the instance completed
    expect(state.variables.get('1')).toEqual({ x: 0, y: 2 });
    expect(state.state).toBe('COMPLETED');
    expect(interpreter.effects.records.map((r) => r.kind)).toContain('PROCESS_INSTANCE_COMPLETED');
  });

  it('should turn a job type that is not a string into an incident and keep the token there', () => {
    // given a graph whose job type evaluates to null
    const broken: ProcessGraph = { ...graph, nodes: { ...graph.nodes, work: { ...(graph.nodes['work'] as FlowNode), job: { type: '=x.y.z + "a"', retries: '3', headers: {} } } } };
    const state = newState();
    const interpreter = new Interpreter(broken, state, new Date(), keys());
    // when it starts with x missing
    interpreter.start({}, 'start');
    // then an EXTRACT_VALUE_ERROR incident holds the task and no job exists
    expect(interpreter.effects.incidents).toEqual([expect.objectContaining({ elementId: 'work', errorType: 'EXTRACT_VALUE_ERROR' })]);
    expect(interpreter.effects.jobs).toEqual([]);
    expect(state.state).toBe('ACTIVE');
  });
});

import type { Variables } from '../process-engine';
import { FeelError, valueOf } from './feel';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';

/** A copy of `base` (a fresh context when it is not one) with `value` at `path`. */
function withPath(base: unknown, path: string[], value: unknown): Variables {
  const copy: Variables = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Variables) } : {};
  const [head, ...rest] = path as [string, ...string[]];
  copy[head] = rest.length === 0 ? value : withPath(copy[head], rest, value);
  return copy;
}

function evaluate(direction: 'input' | 'output', target: string, source: string, context: Variables): unknown {
  try {
    return source === '' ? null : valueOf(source, context);
  } catch (e) {
    throw new FeelError('IO_MAPPING_ERROR', `${direction} mapping '${target}': ${(e as Error).message}`);
  }
}

/**
 * Input mappings, in modelled order, each seeing the previous, each creating a local of the element. A nested target
 * `a.b` creates a whole new local context `a` (hiding the parent's `a`), built up by later `a.*` targets.
 */
export function applyInputs(interpreter: Interpreter, node: FlowNode, instance: ElementInstance): void {
  const built: Variables = {};
  for (const mapping of node.inputs) {
    const value = evaluate('input', mapping.target, mapping.source, interpreter.visible(instance.key));
    const [root, ...rest] = mapping.target.split('.') as [string, ...string[]];
    built[root] = rest.length === 0 ? value : withPath(built[root], rest, value);
    interpreter.setLocal(instance.key, root, built[root]);
  }
}

/**
 * Output mappings over the element's result (already its locals): only their results leave the element. A nested
 * target `order.status` updates that leaf of the `order` visible from `fromScope`, keeping its other fields.
 */
export function mapOutputs(interpreter: Interpreter, node: FlowNode, instance: ElementInstance, fromScope: string): Variables {
  const context = interpreter.visible(instance.key);
  const outer = interpreter.visible(fromScope);
  const mapped: Variables = {};
  for (const mapping of node.outputs) {
    const value = evaluate('output', mapping.target, mapping.source, context);
    const [root, ...rest] = mapping.target.split('.') as [string, ...string[]];
    mapped[root] = rest.length === 0 ? value : withPath(root in mapped ? mapped[root] : outer[root], rest, value);
  }
  return mapped;
}

import type { DeployResource, DeploymentProblem } from './process-engine';

/**
 * The one guard every uploaded model or form passes before any parser sees it (Werkbank's deploy, the Camunda /v2
 * deployments, the models folder at start): engine-agnostic, linear in the input, no recursion.
 * Limits are far above any real model (recovery.bpmn: ~300 elements, depth 8) and far below what hurts the server.
 */
export const RESOURCE_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxElements: 10_000,
  maxDepth: 50,
  maxFormBytes: 512 * 1024,
  maxFormDepth: 50,
} as const;

/** The problem of a resource that must not reach a parser, or null when it may be parsed. */
export function guardResource(resource: DeployResource): DeploymentProblem | null {
  const problem = resource.name.endsWith('.form') ? guardFormJson(resource.content) : guardXml(resource.content);
  return problem ? { resource: resource.name, message: problem } : null;
}

/** XML: size, DOCTYPE/ENTITY (entity bombs, external entities), element count and nesting depth. */
export function guardXml(xml: string): string | null {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > RESOURCE_LIMITS.maxBytes) return `the model is ${bytes} bytes; at most ${RESOURCE_LIMITS.maxBytes} bytes are accepted`;
  // BPMN never needs a DOCTYPE: refusing it outright rules out billion laughs and external entities (XXE).
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return 'XML with a DOCTYPE or entity declarations is not accepted';
  let elements = 0;
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) i = skipPast(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) i = skipPast(xml, ']]>', i + 9);
    else if (xml.startsWith('<?', i)) i = skipPast(xml, '?>', i + 2);
    else if (xml.startsWith('</', i)) {
      depth = Math.max(0, depth - 1);
      i = skipPast(xml, '>', i + 2);
    } else {
      const end = tagEnd(xml, i + 1);
      if (end === -1) return null; // unterminated tag: the parser reports it with its position
      elements += 1;
      if (xml[end - 1] !== '/') depth += 1;
      if (elements > RESOURCE_LIMITS.maxElements) return `the model has more than ${RESOURCE_LIMITS.maxElements} XML elements`;
      if (depth > RESOURCE_LIMITS.maxDepth) return `the model nests XML elements more than ${RESOURCE_LIMITS.maxDepth} levels deep`;
      i = end + 1;
    }
    if (i === -1) return null;
    i = xml.indexOf('<', i);
  }
  return null;
}

/** Form JSON: size and nesting depth, counted on the text so a hostile nesting never reaches JSON.parse's recursion. */
export function guardFormJson(json: string): string | null {
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > RESOURCE_LIMITS.maxFormBytes) return `the form is ${bytes} bytes; at most ${RESOURCE_LIMITS.maxFormBytes} bytes are accepted`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth += 1;
      if (depth > RESOURCE_LIMITS.maxFormDepth) return `the form nests objects or arrays more than ${RESOURCE_LIMITS.maxFormDepth} levels deep`;
    } else if (c === '}' || c === ']') depth -= 1;
  }
  return null;
}

function skipPast(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at === -1 ? -1 : at + marker.length;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values (which may contain `>`). */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Every problem of a batch (the caller refuses the whole deployment when there is one). */
export function guardResources(resources: readonly DeployResource[]): DeploymentProblem[] {
  return resources.map(guardResource).filter((p): p is DeploymentProblem => p !== null);
}

import type { DeploymentProblem } from '../process-engine';

/**
 * Document-level refusals checked before parsing (unsupported Zeebe extensions are refused by the compiler, by element id).
 * A DOCTYPE can declare entities (billion laughs, external entities); BPMN never needs one, so it is refused before the
 * parser sees the text (saxen would not expand entities, but it reports a confusing "unparsable content" instead).
 */
export function refuseDoctype(resource: string, xml: string): DeploymentProblem | null {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return { resource, message: 'XML with a DOCTYPE or entity declarations is not accepted' };
  }
  return null;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentResult, ProcessEngine } from '../engine/process-engine';

/**
 * Deploys every BPMN and form file of a folder in one deployment (the source of truth at start-up). Unchanged files
 * keep their version: the engine treats a re-deploy with the same content and name as a duplicate.
 */
export async function deployModelFolder(engine: ProcessEngine, folder: string): Promise<DeploymentResult> {
  const resources = readdirSync(folder)
    .filter((name) => name.endsWith('.bpmn') || name.endsWith('.form'))
    .sort()
    .map((name) => ({ name, content: readFileSync(join(folder, name), 'utf8') }));
  return engine.deploy(resources);
}

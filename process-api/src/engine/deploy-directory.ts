import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeploymentResult, ProcessEngine } from './process-engine';

/** Deploys every `.bpmn` and `.form` file of a directory (not recursive) in one atomic deployment. */
export async function deployDirectory(engine: ProcessEngine, directory: string): Promise<DeploymentResult | null> {
  const names = (await readdir(directory)).filter((n) => n.endsWith('.bpmn') || n.endsWith('.form')).sort();
  if (names.length === 0) return null;
  const resources = await Promise.all(names.map(async (name) => ({ name, content: await readFile(join(directory, name), 'utf8') })));
  return engine.deploy(resources);
}

import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EngineError, type DeployedForm, type DeployedProcess, type DeployResource, type DeploymentProblem, type DeploymentResult } from '../process-engine';
import { list, parseBpmn, str } from './bpmn-parser';
import { guardResource } from '../resource-guards';
import { CompileProblems, compileProcess, type CompiledProcess } from './compiler';
import { allocateKeys } from './instance-store';
import { scheduleTimerStarts } from './timer-starts';

interface PreparedProcess {
  resource: DeployResource;
  compiled: CompiledProcess;
  checksum: string;
}

interface PreparedForm {
  resource: DeployResource;
  formId: string;
  schema: unknown;
  checksum: string;
}

const checksum = (content: string) => createHash('sha256').update(content).digest('hex');

/** Parses and validates every resource, collecting all problems before touching the database. */
async function prepare(resources: DeployResource[]) {
  /** Form references of rejected processes are still checked so that the answer lists every problem. */
  const formChecks: { resource: string; formRefs: CompiledProcess['formRefs'] }[] = [];
  const problems: DeploymentProblem[] = [];
  const processes: PreparedProcess[] = [];
  const forms: PreparedForm[] = [];
  for (const resource of resources) {
    // Size, DOCTYPE/entities, element count and depth: checked before any parser sees the text.
    const guarded = guardResource(resource);
    if (guarded) {
      problems.push(guarded);
      continue;
    }
    if (resource.name.endsWith('.form')) {
      try {
        const schema = JSON.parse(resource.content) as { id?: unknown };
        if (typeof schema.id !== 'string' || schema.id === '') problems.push({ resource: resource.name, message: 'a form needs a string "id"' });
        else forms.push({ resource, formId: schema.id, schema, checksum: checksum(resource.content) });
      } catch (e) {
        problems.push({ resource: resource.name, message: `invalid form JSON: ${(e as Error).message}` });
      }
      continue;
    }
    if (!resource.name.endsWith('.bpmn')) {
      problems.push({ resource: resource.name, message: 'unsupported resource type (expected .bpmn or .form)' });
      continue;
    }
    const parsed = await parseBpmn(resource.name, resource.content);
    problems.push(...parsed.problems);
    if (!parsed.root) continue;
    const executable = list(parsed.root, 'rootElements').filter((e) => e.$type === 'bpmn:Process' && e['isExecutable'] === true);
    if (executable.length === 0) problems.push({ resource: resource.name, message: 'the resource contains no executable process' });
    for (const process of executable) {
      try {
        processes.push({ resource, compiled: compileProcess(resource.name, process), checksum: checksum(resource.content) });
      } catch (e) {
        if (!(e instanceof CompileProblems)) throw e;
        problems.push(...e.problems);
        formChecks.push({ resource: resource.name, formRefs: e.formRefs });
      }
    }
  }
  const ids = processes.map((p) => p.compiled.graph.bpmnProcessId);
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push({ resource: '', elementId: id, message: `process id ${id} is deployed twice in one deployment` });
  formChecks.push(...processes.map((p) => ({ resource: p.resource.name, formRefs: p.compiled.formRefs })));
  return { processes, forms, problems, formChecks };
}

/** Deploys atomically in `tx`: all processes and forms get their versions, or nothing is written. */
export async function deployResources(tx: EntityManager, resources: DeployResource[], now: Date = new Date()): Promise<DeploymentResult & { newDefinitions: string[] }> {
  if (resources.length === 0) throw new EngineError('DEPLOYMENT_REJECTED', 'nothing to deploy', [{ resource: '', message: 'no resources' }]);
  const { processes, forms, problems, formChecks } = await prepare(resources);
  // Serialises deployments so that version numbers stay gapless per id.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('werkbank-engine-deploy'))`);
  const known = new Set(forms.map((f) => f.formId));
  const existing: { form_id: string }[] = await tx.query(`SELECT DISTINCT form_id FROM form_definition WHERE form_id = ANY($1)`, [formChecks.flatMap((c) => c.formRefs.map((r) => r.formId))]);
  existing.forEach((r) => known.add(r.form_id));
  for (const check of formChecks) {
    for (const r of check.formRefs) {
      if (!known.has(r.formId)) problems.push({ resource: check.resource, elementId: r.elementId, message: `form '${r.formId}' is not deployed` });
    }
  }
  if (problems.length > 0) {
    throw new EngineError('DEPLOYMENT_REJECTED', `deployment rejected: ${problems.map((p) => `${p.resource}${p.elementId ? `#${p.elementId}` : ''}: ${p.message}`).join('; ')}`, problems);
  }
  const nextKey = await allocateKeys(tx);
  const deploymentKey = nextKey();
  await tx.query(`INSERT INTO deployment (key) VALUES ($1)`, [deploymentKey]);
  const deployedForms: DeployedForm[] = [];
  for (const f of forms) {
    const [latest] = await tx.query(`SELECT key::text, version, checksum, resource_name FROM form_definition WHERE form_id = $1 ORDER BY version DESC LIMIT 1`, [f.formId]);
    if (latest && latest.checksum === f.checksum && latest.resource_name === f.resource.name) {
      deployedForms.push({ key: latest.key, formId: f.formId, version: latest.version, resourceName: f.resource.name });
      continue;
    }
    const key = nextKey();
    const version = (latest?.version ?? 0) + 1;
    await tx.query(`INSERT INTO form_definition (key, form_id, version, resource_name, checksum, schema, deployment_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [key, f.formId, version, f.resource.name, f.checksum, JSON.stringify(f.schema), deploymentKey]);
    deployedForms.push({ key, formId: f.formId, version, resourceName: f.resource.name });
  }
  const deployed: DeployedProcess[] = [];
  const newDefinitions: string[] = [];
  for (const p of processes) {
    const graph = p.compiled.graph;
    const [latest] = await tx.query(`SELECT key::text, version, checksum, resource_name FROM process_definition WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`, [graph.bpmnProcessId]);
    if (latest && latest.checksum === p.checksum && latest.resource_name === p.resource.name) {
      deployed.push({ key: latest.key, bpmnProcessId: graph.bpmnProcessId, name: graph.name, version: latest.version, resourceName: p.resource.name });
      continue;
    }
    const key = nextKey();
    const version = (latest?.version ?? 0) + 1;
    await tx.query(`INSERT INTO process_definition (key, bpmn_process_id, name, version, resource_name, checksum, xml, deployment_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key, graph.bpmnProcessId, graph.name, version, p.resource.name, p.checksum, p.resource.content, deploymentKey]);
    // A new version replaces the message start subscriptions of the old one.
    await tx.query(`DELETE FROM message_start_subscription WHERE bpmn_process_id = $1`, [graph.bpmnProcessId]);
    for (const start of graph.messageStarts) {
      await tx.query(`INSERT INTO message_start_subscription (process_definition_key, bpmn_process_id, element_id, message_name) VALUES ($1, $2, $3, $4)`,
        [key, graph.bpmnProcessId, start.elementId, start.messageName]);
    }
    await scheduleTimerStarts(tx, key, graph, now, p.resource.name);
    newDefinitions.push(key);
    deployed.push({ key, bpmnProcessId: graph.bpmnProcessId, name: graph.name, version, resourceName: p.resource.name });
  }
  return { key: deploymentKey, processes: deployed, forms: deployedForms, newDefinitions };
}

/** Compiles a stored definition again (cache miss after a restart). */
export async function compileStored(resourceName: string, xml: string, bpmnProcessId: string): Promise<CompiledProcess> {
  const parsed = await parseBpmn(resourceName, xml);
  const process = list(parsed.root ?? undefined, 'rootElements').find((e) => e.$type === 'bpmn:Process' && str(e, 'id') === bpmnProcessId);
  if (!process) throw new Error(`stored definition ${bpmnProcessId} no longer parses`);
  return compileProcess(resourceName, process);
}

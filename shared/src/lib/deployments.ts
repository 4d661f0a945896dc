import { z } from 'zod';

/**
 * A deployable file: a BPMN model (`.bpmn`) or a form-js schema (`.form`). The name's extension, an empty file or an
 * empty batch are refused by the API as DEPLOYMENT_REJECTED (like every model problem), not by this schema.
 */
export const deploymentResourceSchema = z.object({ name: z.string().max(200), content: z.string() }).strict();
export type DeploymentResource = z.infer<typeof deploymentResourceSchema>;

/** `POST /api/deployments` as JSON (the same files can come as multipart/form-data). */
export const deployRequestSchema = z.object({ resources: z.array(deploymentResourceSchema).max(20) }).strict();
export type DeployRequest = z.infer<typeof deployRequestSchema>;

export const deployedProcessSchema = z.object({
  key: z.string(),
  bpmnProcessId: z.string(),
  name: z.string().nullable(),
  version: z.number().int(),
  resourceName: z.string(),
});
export type DeployedProcessDefinition = z.infer<typeof deployedProcessSchema>;

export const deployedFormSchema = z.object({ key: z.string(), formId: z.string(), version: z.number().int(), resourceName: z.string() });

/** 201 answer: every process and form of the deployment with its (new, or unchanged for an identical file) version. */
export const deploymentSchema = z.object({ key: z.string(), processes: z.array(deployedProcessSchema), forms: z.array(deployedFormSchema) });
export type Deployment = z.infer<typeof deploymentSchema>;

export const processDefinitionVersionSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  name: z.string().nullable(),
  resourceName: z.string(),
  deployedAt: z.string(),
});

/** `GET /api/process-definitions`: one entry per process id, versions latest first. */
export const processDefinitionSummarySchema = z.object({
  bpmnProcessId: z.string(),
  name: z.string().nullable(),
  latestVersion: z.number().int(),
  versions: z.array(processDefinitionVersionSchema),
});
export type ProcessDefinitionSummary = z.infer<typeof processDefinitionSummarySchema>;

export const processDefinitionListSchema = z.object({ items: z.array(processDefinitionSummarySchema) });
export type ProcessDefinitionList = z.infer<typeof processDefinitionListSchema>;

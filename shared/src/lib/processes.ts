import { z } from 'zod';

/** A name in every language of the workbench; nl/fr fall back to English when the model has none. */
export const localizedNameSchema = z.object({ en: z.string(), nl: z.string(), fr: z.string() });
export type LocalizedName = z.infer<typeof localizedNameSchema>;

/** A named flow node of a deployed process: what the task list, task header and case timeline call a step. */
export const processStepSchema = z.object({
  elementId: z.string(),
  /** BPMN element type without prefix, e.g. `userTask`, `serviceTask`, `boundaryEvent`. */
  kind: z.string(),
  name: localizedNameSchema,
});
export type ProcessStep = z.infer<typeof processStepSchema>;

/** How a case figure's value is shown; the model declares it (`caseFigure.<variable>` = kind). */
export const caseFigureKindSchema = z.enum(['cents', 'integer', 'score', 'codes', 'count', 'date', 'text', 'schedule']);
export type CaseFigureKind = z.infer<typeof caseFigureKindSchema>;

export const caseFigureDefinitionSchema = z.object({ variable: z.string(), kind: caseFigureKindSchema, name: localizedNameSchema });
export type CaseFigureDefinition = z.infer<typeof caseFigureDefinitionSchema>;

/** One deployed version of a process with the names of its steps, read from the model. */
export const processDescriptionSchema = z.object({
  key: z.string(),
  bpmnProcessId: z.string(),
  version: z.number().int(),
  name: localizedNameSchema,
  steps: z.array(processStepSchema),
  figures: z.array(caseFigureDefinitionSchema),
});
export type ProcessDescription = z.infer<typeof processDescriptionSchema>;

/** `GET /api/processes`: the latest version of every deployed process, sorted by id. */
export const processDescriptionListSchema = z.object({ items: z.array(processDescriptionSchema) });
export type ProcessDescriptionList = z.infer<typeof processDescriptionListSchema>;

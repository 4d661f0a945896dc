import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Variables } from '../process-engine';

/** What a corpus file must do: deploy and reach `runs` (the driver's outcome), or be refused with a message containing `refused`. */
export type Expectation =
  | { runs: string; variables?: Variables; /** Stub processes with these ids are deployed first (called elements missing from the corpus). */ companions?: string[] }
  | { refused: string; /** The refusal must name an element id (an unsupported construct, not a file-level problem). */ byElement?: boolean };

export interface CorpusFigure {
  file: string;
  deployed: boolean;
  outcome: string;
}

/** A start-to-end process standing in for a called process the corpus does not contain. */
export function startEndProcess(bpmnProcessId: string): { name: string; content: string } {
  return {
    name: `${bpmnProcessId}.bpmn`,
    content: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://werkbank.dev/corpus">
  <bpmn:process id="${bpmnProcessId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`,
  };
}

export function readCorpusFile(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

/**
 * Prints the figures once and writes them to tmp/corpus-<name>.json (the issue note quotes them):
 * deployed / ran to completion / waiting / refused grouped by the table's reason.
 */
export function reportFigures(name: string, table: Record<string, Expectation>, figures: CorpusFigure[]): void {
  const refused: Record<string, string[]> = {};
  for (const f of figures.filter((f) => !f.deployed)) {
    const expectation = table[f.file];
    const reason = expectation && 'refused' in expectation ? expectation.refused : f.outcome;
    (refused[reason] ??= []).push(f.file);
  }
  const summary = {
    corpus: name,
    files: figures.length,
    deployed: figures.filter((f) => f.deployed).length,
    ran: figures.filter((f) => f.deployed && f.outcome === 'completed').length,
    deployedNotCompleted: figures.filter((f) => f.deployed && f.outcome !== 'completed').map((f) => `${f.file}: ${f.outcome}`),
    refused: figures.filter((f) => !f.deployed).length,
    refusedByReason: Object.fromEntries(Object.entries(refused).map(([reason, files]) => [reason, { count: files.length, files }])),
  };
  const dir = resolve(__dirname, '../../../../tmp');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `corpus-${name}.json`), JSON.stringify(summary, null, 2));
  console.log(`corpus ${name}: ${JSON.stringify(summary, null, 2)}`);
}

/* bpmn-moddle ships its types behind package `exports`, which this project's `moduleResolution: node` cannot see. */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: { message: string; element?: { id?: string } }[] }>;
  }
}

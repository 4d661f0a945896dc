/** Every TypeORM entity of the API. Column types are always explicit: the esbuild bundle emits no decorator metadata. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity classes of any shape
export const ENTITIES: Function[] = [];

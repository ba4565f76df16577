// The renderer-facing API: method names, schemas and result shapes.
export * from './methods';
export * from './contract';

// Domain types and their validation schemas.
export * from './schemas';
export * from './inputs';
export * from './text';
export * from './avatar';
export * from './hub-settings';

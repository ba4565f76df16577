// Domain types and their validation schemas.
export * from './schemas';
export * from './inputs';

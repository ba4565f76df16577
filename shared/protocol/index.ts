// The hub's wire protocol (docs/protocol.md): one set of schemas for both ends.
export * from './limits';
export * from './errors';
export * from './requests';
export * from './server-messages';
export * from './http';
export * from './account-http';
export * from './lenient-messages';
export * from './two-step';
export * from './temporary-access';

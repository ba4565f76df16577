// The access policy: the spec's permission matrix, restrictions and the one
// decision function every side of Gatehouse uses.
export * from './levels';
export * from './spec-rules';
export * from './restrictions';
export * from './matrix';
export * from './decision';
export * from './actor';
export * from './actions';
export { decide, isAllowed } from './decide';
export { invitableLevels, INVITABLE_LEVELS, decideRestrictionOffered, decideRestrictionsFit } from './decide-members';
export * from './masking';
export * from './effective-permissions';
export * from './access-end';

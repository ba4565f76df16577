// The hub's second public entry, for tests only (of any side): real hubs in
// this process or in a child process, raw-socket clients, an SMTP sink and
// the fixtures they share. Product code imports the hub through hub/index.ts.
export type { RawAnswer } from './account-requests';
export { bearer, countStatuses, postJson, signInFrom } from './account-requests';
export type { HubProcess } from './hub-process';
export { startHubProcess } from './hub-process';
export type { KillTrialOutcome, KillTrialsHub, SentMutation } from './kill-trials';
export { hubTeams, KILL_TRIALS_CLIENTS, KILL_TRIALS_OWNER, prepareKillTrialsHub, runKillTrials } from './kill-trials';
export { addOtherOrganization, OTHER_OWNER } from './other-organization';
export type { PostgresServer } from './postgres-server';
export { POSTGRES_TEST_USER, startPostgresServer } from './postgres-server';
export type { ReceivedMail, SmtpSink } from './smtp-sink';
export { startSmtpSink } from './smtp-sink';
export { HubRequestError, TestClient } from './test-client';
export type { RelayMode, TcpRelay } from './tcp-relay';
export { startTcpRelay } from './tcp-relay';
export type { TestHub } from './test-hub';
export { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './test-hub';
export type { AuditHistory } from './audit-history';
export { AUDIT_TIMES, HOSTILE_NAMES, startAuditHistory } from './audit-history';

// The API calls about sharing the hub this app runs itself: which addresses
// of this computer others might reach it on, and the choice (shared or not,
// on which address). An operator's explicit public address
// (GATEHOUSE_PUBLIC_URL) wins over any choice made here.
import { z } from 'zod';
import { sessionStateSchema } from './session-schemas';

export const shareableAddressSchema = z.object({
  address: z.string(),
  family: z.enum(['IPv4', 'IPv6']),
  /** The interface's name as the system gives it (eth0, wlan0, tun0, docker0...). */
  interfaceName: z.string(),
});
export type ShareableAddress = z.infer<typeof shareableAddressSchema>;

export const sharingOptionsSchema = z.object({
  addresses: z.array(shareableAddressSchema),
  /** The public address set for this computer by whoever runs it; when set, links use it whatever is chosen. */
  operatorUrl: z.string().nullable(),
});
export type SharingOptions = z.infer<typeof sharingOptionsSchema>;

/** Shared or not; when shared, the address of this computer that links name (null only when an operator's address is set). */
export const sharingChoiceSchema = z.strictObject({
  isShared: z.boolean(),
  address: z.string().trim().min(1).max(100).nullable(),
});
export type SharingChoice = z.infer<typeof sharingChoiceSchema>;

export const SHARING_CONTRACT = {
  'sharing.getOptions': { input: z.undefined(), output: sharingOptionsSchema },
  /** Restarts the local hub on the chosen address (the session stays); refused for a hub this app does not run. */
  'sharing.set': { input: sharingChoiceSchema, output: sessionStateSchema },
} as const;

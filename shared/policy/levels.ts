// Access levels and plans: the two axes every rule of the spec is written against.

export const ACCESS_LEVELS = ['owner', 'manager', 'agent'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACCESS_LEVEL_LABELS = {
  owner: 'Owner',
  manager: 'Manager',
  agent: 'Agent',
} as const satisfies Record<AccessLevel, string>;

/** Plural labels, for sentences such as "Managers can invite Agents only". */
export const ACCESS_LEVEL_PLURALS = {
  owner: 'Owners',
  manager: 'Managers',
  agent: 'Agents',
} as const satisfies Record<AccessLevel, string>;

// Ordered from cheapest to most capable: plan gating compares positions.
export const PLANS = ['starter', 'growth', 'advanced', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_LABELS = {
  starter: 'Starter',
  growth: 'Growth',
  advanced: 'Advanced',
  enterprise: 'Enterprise',
} as const satisfies Record<Plan, string>;

export function isPlanAtLeast(plan: Plan, minimum: Plan): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(minimum);
}

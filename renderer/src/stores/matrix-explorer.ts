// The permission matrix explorer: a member profile (level, plan, restrictions)
// and what the shared policy says that member may open, cell by cell.
import { defineStore } from 'pinia';
import type { AccessLevel, ContactVisibilityScope, EffectivePermission, Plan, RestrictionDefinition, Restrictions } from '@shared/policy';
import { decideRestrictionOffered, effectivePermissions, NO_RESTRICTIONS, restrictionsForLevel } from '@shared/policy';

interface MatrixExplorerState {
  level: AccessLevel;
  plan: Plan;
  restrictions: Restrictions;
}

export interface OfferedRestriction {
  definition: RestrictionDefinition;
  /** Why it cannot be set here (plan gate), or null. */
  unavailableReason: string | null;
}

type SwitchKey = Exclude<keyof Restrictions, 'contactVisibility'>;

export const useMatrixExplorerStore = defineStore('matrix-explorer', {
  state: (): MatrixExplorerState => ({ level: 'manager', plan: 'advanced', restrictions: { ...NO_RESTRICTIONS } }),
  getters: {
    permissions(state): EffectivePermission[] {
      return effectivePermissions({ memberId: 'explorer', teamId: null, ...state });
    },
    offeredRestrictions(state): OfferedRestriction[] {
      return restrictionsForLevel(state.level).map((definition) => {
        const decision = decideRestrictionOffered(definition, state.level, state.plan);
        return { definition, unavailableReason: decision.allowed ? null : decision.message };
      });
    },
    openModuleCount(): number {
      return this.permissions.filter((each) => each.decision.allowed).length;
    },
  },
  actions: {
    setLevel(level: AccessLevel): void {
      this.level = level;
      // Restrictions belong to a level (A5): switching level starts from none.
      this.restrictions = { ...NO_RESTRICTIONS };
    },
    setPlan(plan: Plan): void {
      this.plan = plan;
      // A restriction the new plan does not offer cannot stay switched on.
      for (const { definition, unavailableReason } of this.offeredRestrictions) {
        if (unavailableReason) this.restrictions = { ...this.restrictions, [definition.key]: NO_RESTRICTIONS[definition.key] };
      }
    },
    setSwitch(key: SwitchKey, isOn: boolean): void {
      this.restrictions[key] = isOn;
    },
    setContactVisibility(scope: ContactVisibilityScope): void {
      this.restrictions.contactVisibility = scope;
    },
  },
});

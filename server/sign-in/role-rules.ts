/** Pure: which roles and groups an ID token's claims give, by the admin's rules. */
import type { Role } from '../engine/people/people.schema.ts';
import { roles as allRoles } from '../engine/people/people.schema.ts';
import type { RoleRule } from './sign-in.config.ts';

/** The values of a claim: a string, or the strings of a list; anything else holds none. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Everyone is a requester; each rule whose claim holds its value adds its
 * roles and groups. Roles come out in the desk's order, groups sorted, both
 * without repeats.
 */
export function mapClaims(claims: Record<string, unknown>, rules: readonly RoleRule[], groupsClaim: string): { roles: Role[]; groups: string[] } {
  const roles = new Set<Role>(['requester']);
  const groups = new Set<string>();
  for (const rule of rules) {
    if (!claimValues(claims, rule.claim ?? groupsClaim).includes(rule.value)) continue;
    for (const r of rule.roles) roles.add(r);
    for (const g of rule.groups) groups.add(g);
  }
  return { roles: allRoles.filter((r) => roles.has(r)), groups: [...groups].sort() };
}

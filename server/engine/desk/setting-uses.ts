/**
 * Where a workflow definition names a queue or an SLA policy, as paths
 * ("categorise[2].set.queue"), so a setting still in use is not deleted
 * from under it. Works on drafts too, which may be half-written: anything
 * not shaped as expected is skipped.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The paths in a definition that name the queue `id`. */
export function queueUses(definition: unknown, id: string): string[] {
  if (!isObject(definition)) return [];
  const paths: string[] = [];
  list(definition.categorise).forEach((rule, i) => {
    if (isObject(rule) && isObject(rule.set) && rule.set.queue === id) paths.push(`categorise[${i}].set.queue`);
  });
  if (definition.defaultQueue === id) paths.push('defaultQueue');
  list(definition.escalations).forEach((esc, i) => {
    if (!isObject(esc)) return;
    list(esc.do).forEach((action, j) => {
      if (isObject(action) && action.setQueue === id) paths.push(`escalations[${i}].do[${j}].setQueue`);
    });
  });
  list(definition.escalateTo).forEach((q, i) => {
    if (q === id) paths.push(`escalateTo[${i}]`);
  });
  return paths;
}

/** The paths in a definition that name the SLA policy `id`. */
export function slaPolicyUses(definition: unknown, id: string): string[] {
  return isObject(definition) && definition.sla === id ? ['sla'] : [];
}

/**
 * Where a workflow names a template: its notifications and its escalations'
 * notify actions. Drafts may be half-finished JSON, so this reads any shape
 * and never throws.
 */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);

/** The paths in `definition` that name the template `name`, e.g. `notifications[0].template`. */
export function templateUses(definition: unknown, name: string): string[] {
  const at: string[] = [];
  list(field(definition, 'notifications')).forEach((n, i) => {
    if (field(n, 'template') === name) at.push(`notifications[${i}].template`);
  });
  list(field(definition, 'escalations')).forEach((e, i) =>
    list(field(e, 'do')).forEach((action, j) => {
      if (field(field(action, 'notify'), 'template') === name) at.push(`escalations[${i}].do[${j}].notify.template`);
    }),
  );
  return at;
}

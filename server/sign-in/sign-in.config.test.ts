import { describe, expect, it, test } from 'vitest';
import { loadConfig } from '../config.ts';
import { mapClaims } from './role-rules.ts';
import { loadSignInConfig, parseRoleRules } from './sign-in.config.ts';

const provider = { OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'desk', OIDC_CLIENT_SECRET: 's3cret' };

describe('sign-in configuration', () => {
  test.each([
    ['[{"value":"it","roles":["root"]}]', 'OIDC_ROLE_RULES[0].roles[0]'],
    ['[{"roles":["agent"]}]', 'OIDC_ROLE_RULES[0].value'],
    ['[{"value":"it","groups":"first-line"}]', 'OIDC_ROLE_RULES[0].groups'],
    ['[{"value":"it"},{"value":"x","colour":"red"}]', 'OIDC_ROLE_RULES[1]'],
    ['{"value":"it"}', 'OIDC_ROLE_RULES'],
    ['[{"value":', 'OIDC_ROLE_RULES'],
  ])('refuses the rules %s at %s', (text, path) => {
    expect(parseRoleRules(text).problems.map((p) => p.path)).toEqual([path]);
  });

  test.each([
    [{ OIDC_ISSUER: 'https://id.example.org' }, ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']],
    [{ ...provider, OIDC_ISSUER: 'http://id.example.org' }, ['OIDC_ISSUER']],
    [{ ...provider, OIDC_SCOPES: 'email profile' }, ['OIDC_SCOPES']],
    [{ DESK_PASSWORD_SIGN_IN: 'break-glass', DESK_ADMIN_EMAIL: 'it@example.org' }, ['DESK_PASSWORD_SIGN_IN']],
    [{ ...provider, DESK_PASSWORD_SIGN_IN: 'break-glass' }, ['DESK_BREAK_GLASS_EMAIL']],
  ])('refuses %o, naming %o', (env, paths) => {
    expect(loadSignInConfig(env).problems.map((p) => p.path)).toEqual(paths);
  });

  it('says what is wrong when the desk starts', () => {
    expect(() => loadConfig({ ...provider, OIDC_ROLE_RULES: '[{"value":"it","roles":["root"]}]' })).toThrow(/OIDC_ROLE_RULES\[0\]\.roles\[0\]/);
  });

  it('allows plain http only to a provider on this machine, and takes the admin as break-glass by default', () => {
    const { config, problems } = loadSignInConfig({ ...provider, OIDC_ISSUER: 'http://127.0.0.1:9000', DESK_PASSWORD_SIGN_IN: 'break-glass', DESK_ADMIN_EMAIL: 'IT@example.org' });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ passwords: 'break-glass', breakGlassEmail: 'it@example.org', oidc: { issuer: 'http://127.0.0.1:9000', createAccounts: true, groupsClaim: 'groups' } });
  });

  it('is off without a provider', () => {
    expect(loadSignInConfig({}).config).toEqual({ oidc: null, passwords: 'everyone', breakGlassEmail: undefined });
  });
});

describe('role rules', () => {
  const rules = parseRoleRules(
    JSON.stringify([
      { value: 'it-staff', roles: ['agent'], groups: ['service-desk'] },
      { value: 'network', roles: ['specialist', 'agent'], groups: ['network-team'] },
      { claim: 'department', value: 'IT Management', roles: ['manager'] },
    ]),
  ).rules;

  test.each([
    [{}, ['requester'], []],
    [{ groups: 'it-staff' }, ['requester', 'agent'], ['service-desk']],
    [{ groups: ['network', 'it-staff', 42] }, ['requester', 'agent', 'specialist'], ['network-team', 'service-desk']],
    [{ groups: ['IT-STAFF'] }, ['requester'], []],
    [{ groups: [], department: 'IT Management' }, ['requester', 'manager'], []],
  ])('claims %o give roles %o and groups %o', (claims, roles, groups) => {
    expect(mapClaims(claims, rules, 'groups')).toEqual({ roles, groups });
  });
});

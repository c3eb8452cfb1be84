/** A demo editor of the local provider: the roles the desk's token for them carries. */
export interface DemoEditor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/**
 * The local provider's accounts: one editor per role, and a chief editor who holds all three
 * (the one who lifts guidance and grants licences in the same sitting). Every password is
 * `DEMO_PASSWORD`: this provider exists for the embedded mode and tests only.
 */
export const DEMO_EDITORS: readonly DemoEditor[] = [
  { id: 'editor-catalogue', name: 'Catalogue Editor', roles: ['catalogue:write'] },
  { id: 'editor-guidance', name: 'Guidance Editor', roles: ['guidance:write'] },
  { id: 'editor-licencing', name: 'Licencing Editor', roles: ['licencing:write'] },
  { id: 'chief-editor', name: 'Chief Editor', roles: ['catalogue:write', 'guidance:write', 'licencing:write'] },
];

export const DEMO_PASSWORD = 'demo';

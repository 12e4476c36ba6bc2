/** Who is signed in on this installation: server URL and agent in a JSON file, the token in the SecretStore. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AgentRow } from '../../shared/domain';
import type { SecretStore } from '../secrets';

const Saved = z.object({ serverUrl: z.string().nullable(), agent: AgentRow.nullable() });
export type SavedSession = z.infer<typeof Saved>;

export function createSessionStore(file: string, secrets: SecretStore) {
  let saved: SavedSession = { serverUrl: null, agent: null };
  try {
    saved = Saved.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // first run or damaged file: signed out
  }
  const write = () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(saved, null, 2));
    renameSync(`${file}.tmp`, file);
  };
  return {
    get: (): SavedSession & { token: string | null } => ({ ...saved, token: secrets.get() }),
    signIn(serverUrl: string, agent: SavedSession['agent'], token: string): void {
      saved = { serverUrl, agent };
      write();
      secrets.set(token);
    },
    /** Forgets the token; keeps the server URL so the login form is prefilled. */
    signOut(): void {
      saved = { serverUrl: saved.serverUrl, agent: null };
      write();
      secrets.set(null);
    },
    setAgent(agent: SavedSession['agent']): void {
      saved = { ...saved, agent };
      write();
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;

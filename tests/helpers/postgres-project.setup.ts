/**
 * Setup of the `postgres` vitest project (vitest.config.ts): every server of a test file shares
 * one PostgreSQL cluster, stopped after the file's last `afterAll` (or when its last server
 * closes, if a server outlives the hooks).
 */
import { afterAll } from 'vitest';
import { holdTestPostgres, releaseTestPostgres } from './test-postgres';

holdTestPostgres();
afterAll(releaseTestPostgres);

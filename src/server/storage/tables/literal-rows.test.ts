import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { literalRows } from './literal-rows';

describe('literalRows', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, "odd ""name""" TEXT, n INTEGER, x REAL, blob_col BLOB, empty_col TEXT)`);
  db.prepare(`INSERT INTO t VALUES ('a', 'it''s "quoted"', 42, 1.5, x'0102', NULL), ('b', 'two', 7, 0, NULL, 'z')`).run();

  it('gives the same rows as better-sqlite3, column names (quotes too) and values alike', () => {
    const plain = db.prepare('SELECT * FROM t ORDER BY id');
    const fast = literalRows(db.prepare('SELECT * FROM t ORDER BY id'));
    expect(fast.all()).toEqual(plain.all());
    expect(Object.keys(fast.all()[0]!)).toEqual(['id', 'odd "name"', 'n', 'x', 'blob_col', 'empty_col']);
  });

  it('answers get with the row, or undefined when there is none', () => {
    const byId = literalRows(db.prepare<[string], Record<string, unknown>>('SELECT * FROM t WHERE id = ?'));
    expect(byId.get('b')).toEqual({ id: 'b', 'odd "name"': 'two', n: 7, x: 0, blob_col: null, empty_col: 'z' });
    expect(byId.get('missing')).toBeUndefined();
  });

  it('works for an UPDATE … RETURNING *', () => {
    const bump = literalRows(db.prepare<[string], Record<string, unknown>>('UPDATE t SET n = n + 1 WHERE id = ? RETURNING *'));
    expect(bump.get('a')).toMatchObject({ id: 'a', n: 43 });
  });

  it('refuses a statement whose columns share a name: one would silently hide the other', () => {
    expect(() => literalRows(db.prepare('SELECT t.id, u.id FROM t JOIN t AS u ON u.id = t.id'))).toThrow(/duplicate column names/);
  });
});

// SQLite cannot ALTER a column's constraints: a table is rebuilt from its own CREATE statement with an
// edit (adding NOT NULL or a CHECK), the way SQLite's documentation describes. Only for empty-ish test tables.
import Database from 'better-sqlite3';

export function rebuildSqliteTable(url: string, table: string, edit: (createSql: string) => string): void {
  const db = new Database(url.replace(/^file:/, ''));
  try {
    const objects = db.prepare('SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL').all(table) as { type: string; sql: string }[];
    const create = objects.find((o) => o.type === 'table');
    if (!create) throw new Error(`rebuildSqliteTable: no table ${table}`);
    const edited = edit(create.sql);
    if (edited === create.sql) throw new Error(`rebuildSqliteTable: the edit changed nothing in ${create.sql}`);
    db.pragma('foreign_keys = OFF');
    db.pragma('legacy_alter_table = ON'); // keep other tables' foreign keys pointing at the name, not the old copy
    db.transaction(() => {
      db.exec(`ALTER TABLE "${table}" RENAME TO "${table}_old"`);
      db.exec(edited);
      db.exec(`INSERT INTO "${table}" SELECT * FROM "${table}_old"`);
      db.exec(`DROP TABLE "${table}_old"`);
      for (const o of objects) if (o.type !== 'table') db.exec(o.sql);
    })();
  } finally {
    db.close();
  }
}

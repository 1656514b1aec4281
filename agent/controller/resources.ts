// Resources: the files an application's charm declares (`resources:` in its metadata), as the
// user uploaded them with `deploy --resource` or `refresh --resource`. Each upload is a new
// revision, its file kept under the model's resources directory. A declared resource with no
// upload is Juju's placeholder: it exists, but opening it finds nothing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../../core/errors.js';
import type { Applications } from './applications.js';
import type { Store } from './store.js';

export class Resources {
  constructor(
    private readonly store: Store,
    private readonly applications: Applications,
    /** Where uploaded files live: <dir>/<application>/<name>/<filename>. */
    private readonly dir: string,
  ) {}

  /**
   * Stores the file of a file resource under the filename its charm declares (the caller checked
   * it: at refresh, the new charm's, which the application takes on after); its new revision.
   */
  upload(application: string, name: string, filename: string, content: Buffer): number {
    const dir = join(this.dir, application, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, filename), content, { mode: 0o600 });
    const revision = this.store.next(`resource-rev:${application}/${name}`) + 1;
    this.store.db
      .prepare(
        'INSERT INTO resources (application, name, filename, revision) VALUES (?, ?, ?, ?) ON CONFLICT(application, name) DO UPDATE SET filename = excluded.filename, revision = excluded.revision',
      )
      .run(application, name, filename, revision);
    this.store.changed();
    return revision;
  }

  /**
   * The stored file of a resource, as Juju's resource opener finds it: a name the charm does
   * not declare, or one never uploaded (a placeholder), is not found.
   */
  open(application: string, name: string): { path: string; filename: string; revision: number } {
    const declared = Object.hasOwn(this.applications.get(application).meta.resources, name);
    const row = this.store.db.prepare('SELECT filename, revision FROM resources WHERE application = ? AND name = ?').get(application, name) as
      | { filename: string; revision: number }
      | undefined;
    if (!declared || row === undefined) throw new NotFoundError(`resource ${JSON.stringify(name)}`);
    return { path: join(this.dir, application, name, row.filename), ...row };
  }

  /** An application's resources go with it. */
  remove(application: string): void {
    this.store.db.prepare('DELETE FROM resources WHERE application = ?').run(application);
    rmSync(join(this.dir, application), { recursive: true, force: true });
  }
}

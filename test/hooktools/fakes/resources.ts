// A ContextResources with one resource, `software`; any other name fails as the context would.
// Every download asked for is recorded.

import { type ContextResources } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export class FakeResources implements ContextResources {
  readonly fetched: string[] = [];

  downloadResource(name: string): string {
    this.fetched.push(name);
    if (name !== 'software') throw new JujuSimError(`resource "${name}" not found`);
    return '/var/lib/juju/agents/unit-app-0/resources/software/software.zip';
  }
}

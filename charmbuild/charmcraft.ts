// What `charmcraft pack` derives from charmcraft.yaml: the metadata.yaml, config.yaml and
// actions.yaml Juju (and ops) read at run time, and the charm's entry point. Field by field as
// charmcraft's CharmMetadata.from_charm does: charm keys pass through, `title` becomes
// `display-name`, and `links` is flattened into the legacy docs/maintainers/issues/source/website.
import { join } from 'node:path';
import { stringify } from 'yaml';
import { charmName, readCharmYaml, type Yaml } from './charm-name.js';

const metadataKeys = [
  'name', 'summary', 'description', 'assumes', 'charm-user', 'containers', 'devices', 'extra-bindings',
  'peers', 'provides', 'requires', 'resources', 'storage', 'subordinate', 'terms',
];

export interface CharmcraftProject {
  name: string;
  /** The charm's entry point relative to its root (`charm-entrypoint` of the charm part). */
  entrypoint: string;
  /** File name → YAML text of each file charmcraft would write; a file the tree ships itself wins. */
  generated: Map<string, string>;
}

function metadata(project: Yaml): Yaml {
  const meta: Yaml = {};
  for (const key of metadataKeys) if (project[key] != null) meta[key] = project[key];
  if (project.title != null) meta['display-name'] = project.title;
  const { documentation, contact, ...otherLinks } = (project.links ?? {}) as Yaml;
  if (documentation != null) meta.docs = documentation;
  if (contact != null) meta.maintainers = Array.isArray(contact) ? contact : [contact];
  for (const [key, value] of Object.entries(otherLinks)) if (value != null) meta[key] = value;
  return meta;
}

/** charmcraft writes these with PyYAML's safe_dump, which sorts keys. */
const dump = (value: Yaml): string => stringify(value, { sortMapEntries: true });

export function readCharmcraftProject(dir: string): CharmcraftProject {
  const project = readCharmYaml(dir, 'charmcraft.yaml') ?? {};
  if (project.type !== undefined && project.type !== 'charm') {
    throw new Error(`${join(dir, 'charmcraft.yaml')} describes a ${String(project.type)}, not a charm`);
  }
  const generated = new Map<string, string>();
  generated.set('metadata.yaml', dump(metadata(project)));
  if (project.config) generated.set('config.yaml', dump(project.config as Yaml));
  if (project.actions) generated.set('actions.yaml', dump(project.actions as Yaml));

  // Older projects keep their metadata in metadata.yaml and only bases in charmcraft.yaml.
  const name = charmName(dir);
  const part = ((project.parts ?? {}) as Yaml).charm as Yaml | undefined;
  const entrypoint = typeof part?.['charm-entrypoint'] === 'string' ? part['charm-entrypoint'] : 'src/charm.py';
  return { name, entrypoint, generated };
}

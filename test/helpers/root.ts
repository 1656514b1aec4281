// Where the repository is, for tests that read its files (charms, fixtures, sources, golden files):
// the checkout the agent finds its own files from (agent/paths.ts installDir), since the tests run
// compiled (dist/test/…) and a fixed number of `..` would name dist.
export { installDir as root } from '../../agent/paths.js';

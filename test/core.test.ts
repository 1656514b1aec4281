// The tests of core/, run as one test process (helpers/test-group.ts).
import { runGroup } from './helpers/test-group.js';

runGroup(import.meta.url, 'core');

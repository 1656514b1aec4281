// The tests of cmd/, run as one test process (helpers/test-group.ts).
import { runGroup } from './helpers/test-group.js';

runGroup(import.meta.url, 'cmd');

import { defineLoadTest } from '../helpers/load-runner.js';

defineLoadTest('got');

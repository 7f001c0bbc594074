import { defineFaultMatrix } from '../helpers/matrix-runner.js';

defineFaultMatrix('ky2');

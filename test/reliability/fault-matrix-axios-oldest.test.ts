import { defineFaultMatrix } from '../helpers/matrix-runner.js';

defineFaultMatrix('axios-oldest');
